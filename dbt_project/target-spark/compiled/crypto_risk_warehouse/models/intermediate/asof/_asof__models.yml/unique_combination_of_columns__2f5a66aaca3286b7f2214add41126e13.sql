
select event_id, version_number, count(*) as rows_per_combination
from intermediate.int_macro_event_versions_ranged
group by event_id, version_number
having count(*) > 1
