
    
    



select funds_reported
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where funds_reported is null


