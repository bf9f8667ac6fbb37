
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select meeting_id
from "warehouse"."staging"."stg_fed__fomc_meetings"
where meeting_id is null



  
  
      
    ) dbt_internal_test