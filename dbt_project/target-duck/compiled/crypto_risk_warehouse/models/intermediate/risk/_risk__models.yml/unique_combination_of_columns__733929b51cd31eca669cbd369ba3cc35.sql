
select metric, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_pulse_records_computed"
group by metric, date
having count(*) > 1
