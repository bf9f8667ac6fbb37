
    
    



select snapshot_date
from staging.stg_bls__release_schedules
where snapshot_date is null


