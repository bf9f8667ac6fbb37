
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select issuer
from "warehouse"."seeds"."etf_issuers"
where issuer is null



  
  
      
    ) dbt_internal_test