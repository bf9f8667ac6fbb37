
select asset, date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_coinglass__liquidations"
group by asset, date
having count(*) > 1
