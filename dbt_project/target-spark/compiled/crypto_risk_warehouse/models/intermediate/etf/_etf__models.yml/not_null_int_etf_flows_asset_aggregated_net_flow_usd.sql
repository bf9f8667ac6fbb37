
    
    



select net_flow_usd
from intermediate.int_etf_flows_asset_aggregated
where net_flow_usd is null


