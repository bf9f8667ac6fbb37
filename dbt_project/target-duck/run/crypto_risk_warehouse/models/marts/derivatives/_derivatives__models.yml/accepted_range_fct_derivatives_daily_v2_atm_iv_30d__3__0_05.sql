
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select atm_iv_30d
from "warehouse"."marts"."fct_derivatives_daily"
where atm_iv_30d is not null
  and ( atm_iv_30d < 0.05
    or atm_iv_30d > 3
  )

  
  
      
    ) dbt_internal_test