
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select largest_outflow_usd
from "warehouse"."marts"."fct_etf_flows_asset_daily"
where largest_outflow_usd is not null
  and ( false
    or largest_outflow_usd > 0
  )

  
  
      
    ) dbt_internal_test