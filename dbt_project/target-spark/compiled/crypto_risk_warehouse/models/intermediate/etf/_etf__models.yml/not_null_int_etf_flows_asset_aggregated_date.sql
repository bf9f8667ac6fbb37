
    
    



select date
from intermediate.int_etf_flows_asset_aggregated
where date is null


