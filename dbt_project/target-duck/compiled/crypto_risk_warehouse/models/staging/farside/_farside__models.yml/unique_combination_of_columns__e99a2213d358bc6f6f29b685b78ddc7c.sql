
select asset, ticker, date, fetched_at, count(*) as rows_per_combination
from "warehouse"."staging"."stg_farside__etf_flow_versions"
group by asset, ticker, date, fetched_at
having count(*) > 1
