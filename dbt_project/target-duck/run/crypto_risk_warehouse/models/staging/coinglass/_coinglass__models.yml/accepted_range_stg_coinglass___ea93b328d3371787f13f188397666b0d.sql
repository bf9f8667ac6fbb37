
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select short_liquidation_usd
from "warehouse"."staging"."stg_coinglass__liquidations"
where short_liquidation_usd is not null
  and ( short_liquidation_usd < 0
    or false
  )

  
  
      
    ) dbt_internal_test