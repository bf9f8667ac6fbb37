
    
    



select date
from staging.stg_coingecko__global_snapshots
where date is null


