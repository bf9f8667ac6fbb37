
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select open_interest_usd
from "warehouse"."staging"."stg_binance__open_interest"
where open_interest_usd is not null
  and ( open_interest_usd < 0
    or false
  )

  
  
      
    ) dbt_internal_test