
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select venue
from "warehouse"."staging"."stg_meta__universe_assets"
where venue is null



  
  
      
    ) dbt_internal_test