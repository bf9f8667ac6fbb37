
select asset, ticker, date, version_number, count(*) as rows_per_combination
from intermediate.int_etf_flow_versions_ranged
group by asset, ticker, date, version_number
having count(*) > 1
