
    
    



select date
from "warehouse"."staging"."stg_binance__spot_klines"
where date is null


