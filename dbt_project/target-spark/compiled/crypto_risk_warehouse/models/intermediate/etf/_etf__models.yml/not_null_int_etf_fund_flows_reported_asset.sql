
    
    



select asset
from intermediate.int_etf_fund_flows_reported
where asset is null


