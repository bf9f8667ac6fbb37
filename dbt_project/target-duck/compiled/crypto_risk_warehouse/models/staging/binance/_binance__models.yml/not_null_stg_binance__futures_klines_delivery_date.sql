
    
    



select delivery_date
from "warehouse"."staging"."stg_binance__futures_klines"
where delivery_date is null


