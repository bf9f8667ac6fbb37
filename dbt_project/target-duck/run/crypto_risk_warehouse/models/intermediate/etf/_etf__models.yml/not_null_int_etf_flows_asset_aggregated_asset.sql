
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select asset
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where asset is null



  
  
      
    ) dbt_internal_test