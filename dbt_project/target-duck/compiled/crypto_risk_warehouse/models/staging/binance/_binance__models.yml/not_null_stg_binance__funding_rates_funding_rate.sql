
    
    



select funding_rate
from "warehouse"."staging"."stg_binance__funding_rates"
where funding_rate is null


