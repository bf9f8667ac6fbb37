
select meeting_id, snapshot_date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_fed__fomc_meetings"
group by meeting_id, snapshot_date
having count(*) > 1
