
select date, asset, kind, level, count(*) as rows_per_combination
from intermediate.int_price_level_crossings_detected
group by date, asset, kind, level
having count(*) > 1
