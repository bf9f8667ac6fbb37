
    
    



select funds_reported
from intermediate.int_etf_flows_asset_aggregated
where funds_reported is null


