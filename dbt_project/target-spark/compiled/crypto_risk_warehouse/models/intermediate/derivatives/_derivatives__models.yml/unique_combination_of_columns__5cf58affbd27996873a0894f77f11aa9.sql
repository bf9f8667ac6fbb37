
select venue, asset, date, count(*) as rows_per_combination
from intermediate.int_open_interest_valued
group by venue, asset, date
having count(*) > 1
