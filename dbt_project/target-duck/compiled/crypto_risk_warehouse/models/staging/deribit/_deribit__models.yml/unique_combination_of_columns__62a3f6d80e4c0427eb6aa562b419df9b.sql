
select asset, date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_deribit__volatility_index"
group by asset, date
having count(*) > 1
