
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select delivery_date
from "warehouse"."staging"."stg_binance__futures_klines"
where delivery_date is null



  
  
      
    ) dbt_internal_test