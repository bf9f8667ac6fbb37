
    
    



select open_interest_coin
from "warehouse"."staging"."stg_bybit__open_interest"
where open_interest_coin is null


