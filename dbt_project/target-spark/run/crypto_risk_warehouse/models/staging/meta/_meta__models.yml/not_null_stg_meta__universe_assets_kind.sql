
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select kind
from staging.stg_meta__universe_assets
where kind is null



  
  
      
    ) dbt_internal_test