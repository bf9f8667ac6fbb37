
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select date
from staging.stg_alternative_me__fear_greeds
where date is null



  
  
      
    ) dbt_internal_test