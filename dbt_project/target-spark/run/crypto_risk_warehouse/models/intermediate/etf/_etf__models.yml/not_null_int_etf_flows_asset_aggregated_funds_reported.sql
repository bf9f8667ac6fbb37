
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select funds_reported
from intermediate.int_etf_flows_asset_aggregated
where funds_reported is null



  
  
      
    ) dbt_internal_test