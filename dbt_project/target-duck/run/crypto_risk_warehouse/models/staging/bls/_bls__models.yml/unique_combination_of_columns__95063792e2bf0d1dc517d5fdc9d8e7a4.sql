
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select event_id, snapshot_date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_bls__release_schedules"
group by event_id, snapshot_date
having count(*) > 1

  
  
      
    ) dbt_internal_test