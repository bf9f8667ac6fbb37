
    
    



select outflow_streak_days
from intermediate.int_etf_flows_asset_aggregated
where outflow_streak_days is null


