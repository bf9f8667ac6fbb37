
select asset, ticker, date, count(*) as rows_per_combination
from "warehouse"."staging"."stg_farside__etf_flows"
group by asset, ticker, date
having count(*) > 1
