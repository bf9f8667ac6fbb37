
    
    



select close
from staging.stg_binance__futures_klines
where close is null


