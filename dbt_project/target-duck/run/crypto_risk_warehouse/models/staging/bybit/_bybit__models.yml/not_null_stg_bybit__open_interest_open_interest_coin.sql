
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select open_interest_coin
from "warehouse"."staging"."stg_bybit__open_interest"
where open_interest_coin is null



  
  
      
    ) dbt_internal_test