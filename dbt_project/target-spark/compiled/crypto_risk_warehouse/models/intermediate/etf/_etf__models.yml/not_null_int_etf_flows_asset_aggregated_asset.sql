
    
    



select asset
from intermediate.int_etf_flows_asset_aggregated
where asset is null


