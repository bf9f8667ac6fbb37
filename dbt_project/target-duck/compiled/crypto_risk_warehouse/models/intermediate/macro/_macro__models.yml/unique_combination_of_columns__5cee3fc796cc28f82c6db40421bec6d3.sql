
select event_id, snapshot_date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_macro_event_snapshots_unioned"
group by event_id, snapshot_date
having count(*) > 1
