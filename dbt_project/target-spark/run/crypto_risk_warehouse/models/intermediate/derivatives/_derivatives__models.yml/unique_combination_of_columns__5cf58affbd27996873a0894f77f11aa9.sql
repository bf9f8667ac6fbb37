
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select venue, asset, date, count(*) as rows_per_combination
from intermediate.int_open_interest_valued
group by venue, asset, date
having count(*) > 1

  
  
      
    ) dbt_internal_test