
    
    



select funding_rate
from staging.stg_bybit__funding_rates
where funding_rate is null


