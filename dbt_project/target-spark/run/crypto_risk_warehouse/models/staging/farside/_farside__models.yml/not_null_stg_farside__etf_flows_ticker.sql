
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select ticker
from staging.stg_farside__etf_flows
where ticker is null



  
  
      
    ) dbt_internal_test