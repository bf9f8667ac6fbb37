
    
    



select scheduled_date
from staging.stg_bls__release_schedules
where scheduled_date is null


