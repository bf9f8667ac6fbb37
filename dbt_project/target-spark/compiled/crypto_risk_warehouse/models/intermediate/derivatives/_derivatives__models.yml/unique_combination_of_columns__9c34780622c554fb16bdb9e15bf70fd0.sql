
select asset, date, count(*) as rows_per_combination
from intermediate.int_option_surfaces_interpolated
group by asset, date
having count(*) > 1
