
    
    



select date
from "warehouse"."intermediate"."int_etf_flows_assets_combined"
where date is null


