
    
    



select funding_rate
from "warehouse"."staging"."stg_bybit__funding_rates"
where funding_rate is null


