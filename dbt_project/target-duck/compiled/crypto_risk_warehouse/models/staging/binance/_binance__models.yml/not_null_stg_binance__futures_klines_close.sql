
    
    



select close
from "warehouse"."staging"."stg_binance__futures_klines"
where close is null


