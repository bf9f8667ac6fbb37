
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select meeting_id, snapshot_date, count(*) as rows_per_combination
from staging.stg_fed__fomc_meetings
group by meeting_id, snapshot_date
having count(*) > 1

  
  
      
    ) dbt_internal_test