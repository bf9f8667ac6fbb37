
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select inflow_streak_days
from intermediate.int_etf_flows_asset_aggregated
where inflow_streak_days is null



  
  
      
    ) dbt_internal_test