
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select btc_ndx_corr_30d
from "warehouse"."marts"."fct_market_daily"
where btc_ndx_corr_30d is not null
  and ( btc_ndx_corr_30d < -1.0000001
    or btc_ndx_corr_30d > 1.0000001
  )

  
  
      
    ) dbt_internal_test