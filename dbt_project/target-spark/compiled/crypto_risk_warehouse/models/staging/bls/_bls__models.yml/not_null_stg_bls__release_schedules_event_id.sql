
    
    



select event_id
from staging.stg_bls__release_schedules
where event_id is null


