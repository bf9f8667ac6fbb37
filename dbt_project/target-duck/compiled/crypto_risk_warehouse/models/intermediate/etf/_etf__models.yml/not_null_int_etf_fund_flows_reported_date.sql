
    
    



select date
from "warehouse"."intermediate"."int_etf_fund_flows_reported"
where date is null


