
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select atm_iv_7d
from "warehouse"."marts"."fct_derivatives_daily"
where atm_iv_7d is not null
  and ( atm_iv_7d < 0.05
    or atm_iv_7d > 3
  )

  
  
      
    ) dbt_internal_test