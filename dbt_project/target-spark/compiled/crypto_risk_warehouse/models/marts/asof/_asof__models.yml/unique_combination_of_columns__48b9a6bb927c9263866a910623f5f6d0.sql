
select event_id, version_number, count(*) as rows_per_combination
from marts.fct_macro_event_versions
group by event_id, version_number
having count(*) > 1
