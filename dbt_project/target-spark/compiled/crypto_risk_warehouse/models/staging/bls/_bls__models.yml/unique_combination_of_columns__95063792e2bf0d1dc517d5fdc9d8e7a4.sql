
select event_id, snapshot_date, count(*) as rows_per_combination
from staging.stg_bls__release_schedules
group by event_id, snapshot_date
having count(*) > 1
