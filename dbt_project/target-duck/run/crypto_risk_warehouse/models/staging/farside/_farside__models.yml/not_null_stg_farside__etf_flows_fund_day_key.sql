
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select fund_day_key
from "warehouse"."staging"."stg_farside__etf_flows"
where fund_day_key is null



  
  
      
    ) dbt_internal_test