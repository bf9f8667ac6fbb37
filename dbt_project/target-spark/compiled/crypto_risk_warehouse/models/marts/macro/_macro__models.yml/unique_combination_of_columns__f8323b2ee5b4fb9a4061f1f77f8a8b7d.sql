
select event_id, offset_days, count(*) as rows_per_combination
from marts.fct_macro_event_windows
group by event_id, offset_days
having count(*) > 1
