
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select symbol, funding_hour_at, count(*) as rows_per_combination
from staging.stg_bybit__funding_rates
group by symbol, funding_hour_at
having count(*) > 1

  
  
      
    ) dbt_internal_test