
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select long_liquidation_share
from "warehouse"."marts"."fct_derivatives_daily_v1"
where long_liquidation_share is not null
  and ( long_liquidation_share < 0
    or long_liquidation_share > 1
  )

  
  
      
    ) dbt_internal_test