
select symbol, date, count(*) as rows_per_combination
from staging.stg_bybit__open_interest
group by symbol, date
having count(*) > 1
