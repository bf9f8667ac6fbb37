
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select liquidations_long_usd
from "warehouse"."marts"."fct_derivatives_daily"
where liquidations_long_usd is not null
  and ( liquidations_long_usd < 0
    or false
  )

  
  
      
    ) dbt_internal_test