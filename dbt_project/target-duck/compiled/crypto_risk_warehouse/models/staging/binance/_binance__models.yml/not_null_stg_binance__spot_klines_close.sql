
    
    



select close
from "warehouse"."staging"."stg_binance__spot_klines"
where close is null


