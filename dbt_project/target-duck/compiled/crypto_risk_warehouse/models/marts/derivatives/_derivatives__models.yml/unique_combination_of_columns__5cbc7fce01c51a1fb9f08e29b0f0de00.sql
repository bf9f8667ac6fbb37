
select asset, date, count(*) as rows_per_combination
from "warehouse"."marts"."fct_derivatives_daily_v1"
group by asset, date
having count(*) > 1
