
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select status
from "warehouse"."intermediate"."int_macro_events_enriched"
where status is null



  
  
      
    ) dbt_internal_test