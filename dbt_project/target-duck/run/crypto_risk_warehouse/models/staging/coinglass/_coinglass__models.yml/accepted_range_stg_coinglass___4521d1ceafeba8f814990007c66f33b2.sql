
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select long_liquidation_usd
from "warehouse"."staging"."stg_coinglass__liquidations"
where long_liquidation_usd is not null
  and ( long_liquidation_usd < 0
    or false
  )

  
  
      
    ) dbt_internal_test