
select symbol, date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_binance__futures_klines"
group by symbol, date
having count(*) > 1
