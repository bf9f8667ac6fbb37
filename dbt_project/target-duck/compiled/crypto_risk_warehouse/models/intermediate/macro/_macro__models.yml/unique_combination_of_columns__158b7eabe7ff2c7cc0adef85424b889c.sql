
select event_id, offset_days, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_macro_event_windows_joined"
group by event_id, offset_days
having count(*) > 1
