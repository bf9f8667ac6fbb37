
select venue, symbol, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_funding_rates_aggregated"
group by venue, symbol, date
having count(*) > 1
