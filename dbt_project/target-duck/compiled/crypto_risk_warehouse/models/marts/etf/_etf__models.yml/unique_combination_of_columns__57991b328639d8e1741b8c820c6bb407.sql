
select asset, ticker, date, count(*) as rows_per_combination
from "warehouse"."marts"."fct_etf_flows_daily"
group by asset, ticker, date
having count(*) > 1
