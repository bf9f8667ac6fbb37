
    
    



select inflow_streak_days
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where inflow_streak_days is null


