
select asset, date, count(*) as rows_per_combination
from marts.fct_etf_flows_asset_daily
group by asset, date
having count(*) > 1
