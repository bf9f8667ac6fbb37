
select asset, date, expiry_date, count(*) as rows_per_combination
from intermediate.int_option_expiries_summarized
group by asset, date, expiry_date
having count(*) > 1
