
select asset, week_start, count(*) as rows_per_combination
from "warehouse"."marts"."fct_prices_weekly"
group by asset, week_start
having count(*) > 1
