
    
    



select ticker
from intermediate.int_etf_fund_flows_reported
where ticker is null


