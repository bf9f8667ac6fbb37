
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select snapshot_date
from "warehouse"."staging"."stg_fed__fomc_meetings"
where snapshot_date is null



  
  
      
    ) dbt_internal_test