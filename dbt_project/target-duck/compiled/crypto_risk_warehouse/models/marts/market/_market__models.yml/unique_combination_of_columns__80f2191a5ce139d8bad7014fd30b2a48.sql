
select asset, level, kind, count(*) as rows_per_combination
from "warehouse"."marts"."dim_price_levels"
group by asset, level, kind
having count(*) > 1
