
select asset, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_asset_prices_sma50w_computed"
group by asset, date
having count(*) > 1
