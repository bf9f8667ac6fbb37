
    
    



select asset
from "warehouse"."staging"."stg_binance__spot_klines"
where asset is null


