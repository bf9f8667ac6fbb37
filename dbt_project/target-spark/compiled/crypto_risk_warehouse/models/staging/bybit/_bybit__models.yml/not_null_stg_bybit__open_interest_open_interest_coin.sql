
    
    



select open_interest_coin
from staging.stg_bybit__open_interest
where open_interest_coin is null


