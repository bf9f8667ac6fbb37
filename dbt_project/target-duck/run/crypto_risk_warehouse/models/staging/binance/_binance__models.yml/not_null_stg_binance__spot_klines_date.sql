
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select date
from "warehouse"."staging"."stg_binance__spot_klines"
where date is null



  
  
      
    ) dbt_internal_test