
    
    



select meeting_id
from staging.stg_fed__fomc_meetings
where meeting_id is null


