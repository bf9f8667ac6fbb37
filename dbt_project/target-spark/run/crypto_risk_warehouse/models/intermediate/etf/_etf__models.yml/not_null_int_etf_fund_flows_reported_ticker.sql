
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select ticker
from intermediate.int_etf_fund_flows_reported
where ticker is null



  
  
      
    ) dbt_internal_test