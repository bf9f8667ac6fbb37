
    
    



select delivery_date
from staging.stg_binance__futures_klines
where delivery_date is null


