
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select funding_rate
from "warehouse"."staging"."stg_binance__funding_rates"
where funding_rate is null



  
  
      
    ) dbt_internal_test