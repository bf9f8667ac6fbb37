
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select asset
from "warehouse"."seeds"."price_levels"
where asset is null



  
  
      
    ) dbt_internal_test