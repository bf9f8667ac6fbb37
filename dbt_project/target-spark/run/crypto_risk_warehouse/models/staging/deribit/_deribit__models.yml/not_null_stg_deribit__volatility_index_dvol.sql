
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select dvol
from staging.stg_deribit__volatility_index
where dvol is null



  
  
      
    ) dbt_internal_test