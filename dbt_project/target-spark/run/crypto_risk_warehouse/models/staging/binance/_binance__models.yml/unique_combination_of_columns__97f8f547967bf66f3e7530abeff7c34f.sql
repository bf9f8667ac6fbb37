
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select symbol, date, count(*) as rows_per_combination
from staging.stg_binance__open_interest
group by symbol, date
having count(*) > 1

  
  
      
    ) dbt_internal_test