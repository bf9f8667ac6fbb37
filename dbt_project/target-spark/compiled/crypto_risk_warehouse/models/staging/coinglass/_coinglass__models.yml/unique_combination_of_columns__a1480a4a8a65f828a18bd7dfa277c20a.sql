
select asset, date, count(*) as rows_per_combination
from staging.stg_coinglass__liquidations
group by asset, date
having count(*) > 1
