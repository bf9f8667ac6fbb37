
    
    



select asset
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where asset is null


