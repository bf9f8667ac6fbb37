
select asset, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
group by asset, date
having count(*) > 1
