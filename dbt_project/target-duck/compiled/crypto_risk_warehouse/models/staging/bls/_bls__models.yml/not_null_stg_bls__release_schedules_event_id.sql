
    
    



select event_id
from "warehouse"."staging"."stg_bls__release_schedules"
where event_id is null


