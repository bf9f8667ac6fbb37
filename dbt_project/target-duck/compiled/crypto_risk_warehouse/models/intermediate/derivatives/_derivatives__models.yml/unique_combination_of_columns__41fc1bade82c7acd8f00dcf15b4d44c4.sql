
select asset, date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_futures_basis_computed"
group by asset, date
having count(*) > 1
