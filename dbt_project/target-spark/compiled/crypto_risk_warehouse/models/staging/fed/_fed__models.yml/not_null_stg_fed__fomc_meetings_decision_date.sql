
    
    



select decision_date
from staging.stg_fed__fomc_meetings
where decision_date is null


