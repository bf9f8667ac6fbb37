
select asset, date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_binance__spot_klines"
group by asset, date
having count(*) > 1
