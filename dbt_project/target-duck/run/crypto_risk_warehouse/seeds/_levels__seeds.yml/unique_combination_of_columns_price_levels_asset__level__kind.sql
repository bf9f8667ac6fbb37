
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, level, kind, count(*) as rows_per_combination
from "warehouse"."seeds"."price_levels"
group by asset, level, kind
having count(*) > 1

  
  
      
    ) dbt_internal_test