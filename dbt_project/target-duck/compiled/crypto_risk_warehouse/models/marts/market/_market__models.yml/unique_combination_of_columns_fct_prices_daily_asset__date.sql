
select asset, date, count(*) as rows_per_combination
from "warehouse"."marts"."fct_prices_daily"
group by asset, date
having count(*) > 1
