
    
    



select meeting_id
from "warehouse"."staging"."stg_fed__fomc_meetings"
where meeting_id is null


