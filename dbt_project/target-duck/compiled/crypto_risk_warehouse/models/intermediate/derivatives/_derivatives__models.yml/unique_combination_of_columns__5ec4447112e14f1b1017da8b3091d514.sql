
select asset, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_liquidations_summarized"
group by asset, date
having count(*) > 1
