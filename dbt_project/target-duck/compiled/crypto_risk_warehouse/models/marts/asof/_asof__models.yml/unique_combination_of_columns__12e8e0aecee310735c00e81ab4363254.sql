
select date, asset, ticker, version_number, count(*) as rows_per_combination
from "warehouse"."marts"."fct_etf_flow_versions"
group by date, asset, ticker, version_number
having count(*) > 1
