
    
    



select event_type
from "warehouse"."staging"."stg_bls__release_schedules"
where event_type is null


