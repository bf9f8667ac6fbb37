
    
    



select snapshot_date
from "warehouse"."staging"."stg_fed__fomc_meetings"
where snapshot_date is null


