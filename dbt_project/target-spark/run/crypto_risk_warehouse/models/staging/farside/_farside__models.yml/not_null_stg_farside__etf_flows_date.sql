
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select date
from staging.stg_farside__etf_flows
where date is null



  
  
      
    ) dbt_internal_test