
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select dvol
from "warehouse"."staging"."stg_deribit__volatility_index"
where dvol is not null
  and ( dvol < 0.05
    or dvol > 3
  )

  
  
      
    ) dbt_internal_test