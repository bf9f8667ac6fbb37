
    
    



select close
from staging.stg_binance__spot_klines
where close is null


