
select series_id, date, count(*) as rows_per_combination
from staging.stg_fred__observations
group by series_id, date
having count(*) > 1
