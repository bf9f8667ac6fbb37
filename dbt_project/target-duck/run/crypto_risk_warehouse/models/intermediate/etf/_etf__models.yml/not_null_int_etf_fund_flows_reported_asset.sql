
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select asset
from "warehouse"."intermediate"."int_etf_fund_flows_reported"
where asset is null



  
  
      
    ) dbt_internal_test