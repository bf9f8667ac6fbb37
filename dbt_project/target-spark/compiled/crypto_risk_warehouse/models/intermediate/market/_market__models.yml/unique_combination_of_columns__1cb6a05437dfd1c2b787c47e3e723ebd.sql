
select asset, week_start, count(*) as rows_per_combination
from intermediate.int_asset_weeks_closed
group by asset, week_start
having count(*) > 1
