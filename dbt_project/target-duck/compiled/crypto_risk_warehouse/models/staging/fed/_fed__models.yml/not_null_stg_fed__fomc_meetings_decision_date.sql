
    
    



select decision_date
from "warehouse"."staging"."stg_fed__fomc_meetings"
where decision_date is null


