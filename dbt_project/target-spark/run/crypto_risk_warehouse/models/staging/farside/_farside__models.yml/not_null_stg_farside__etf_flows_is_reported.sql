
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select is_reported
from staging.stg_farside__etf_flows
where is_reported is null



  
  
      
    ) dbt_internal_test