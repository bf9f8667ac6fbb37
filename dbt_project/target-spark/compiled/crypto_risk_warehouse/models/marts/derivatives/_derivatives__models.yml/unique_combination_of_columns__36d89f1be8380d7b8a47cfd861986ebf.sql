
select asset, date, count(*) as rows_per_combination
from marts.fct_derivatives_daily
group by asset, date
having count(*) > 1
