
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select scheduled_date
from staging.stg_bls__release_schedules
where scheduled_date is null



  
  
      
    ) dbt_internal_test