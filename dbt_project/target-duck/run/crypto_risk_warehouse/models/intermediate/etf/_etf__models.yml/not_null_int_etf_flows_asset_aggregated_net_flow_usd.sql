
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select net_flow_usd
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where net_flow_usd is null



  
  
      
    ) dbt_internal_test