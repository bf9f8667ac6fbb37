
    
    



select scheduled_date
from "warehouse"."staging"."stg_bls__release_schedules"
where scheduled_date is null


