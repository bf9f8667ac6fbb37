
select asset, date, count(*) as rows_per_combination
from intermediate.int_derivatives_days_enriched
group by asset, date
having count(*) > 1
