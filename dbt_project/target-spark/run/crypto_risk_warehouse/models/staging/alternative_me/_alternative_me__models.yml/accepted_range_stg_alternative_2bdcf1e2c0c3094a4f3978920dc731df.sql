
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select fear_greed_value
from staging.stg_alternative_me__fear_greeds
where fear_greed_value is not null
  and ( fear_greed_value < 0
    or fear_greed_value > 100
  )

  
  
      
    ) dbt_internal_test