
    
    



select snapshot_date
from "warehouse"."staging"."stg_bls__release_schedules"
where snapshot_date is null


