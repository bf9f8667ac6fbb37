
    
    



select snapshot_date
from staging.stg_fed__fomc_meetings
where snapshot_date is null


