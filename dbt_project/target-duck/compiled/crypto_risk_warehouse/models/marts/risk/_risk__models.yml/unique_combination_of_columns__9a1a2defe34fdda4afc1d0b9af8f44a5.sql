
select metric, date, count(*) as rows_per_combination
from "warehouse"."marts"."fct_pulse_records_daily"
group by metric, date
having count(*) > 1
