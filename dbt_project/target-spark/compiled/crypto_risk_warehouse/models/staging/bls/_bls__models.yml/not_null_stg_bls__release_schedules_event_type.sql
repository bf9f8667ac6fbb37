
    
    



select event_type
from staging.stg_bls__release_schedules
where event_type is null


