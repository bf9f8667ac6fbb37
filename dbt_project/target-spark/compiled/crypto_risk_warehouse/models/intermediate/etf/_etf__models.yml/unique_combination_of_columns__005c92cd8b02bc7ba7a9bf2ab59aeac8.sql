
select asset, ticker, date, count(*) as rows_per_combination
from intermediate.int_etf_fund_flows_reported
group by asset, ticker, date
having count(*) > 1
