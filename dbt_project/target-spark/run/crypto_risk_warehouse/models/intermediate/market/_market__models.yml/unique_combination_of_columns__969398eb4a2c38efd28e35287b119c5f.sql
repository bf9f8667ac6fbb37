
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select date, asset, kind, level, count(*) as rows_per_combination
from intermediate.int_price_level_crossings_detected
group by date, asset, kind, level
having count(*) > 1

  
  
      
    ) dbt_internal_test