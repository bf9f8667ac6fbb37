
    
    



select net_flow_usd
from "warehouse"."intermediate"."int_etf_fund_flows_reported"
where net_flow_usd is null


