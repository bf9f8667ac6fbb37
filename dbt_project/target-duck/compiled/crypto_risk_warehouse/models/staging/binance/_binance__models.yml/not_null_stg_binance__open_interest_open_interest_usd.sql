
    
    



select open_interest_usd
from "warehouse"."staging"."stg_binance__open_interest"
where open_interest_usd is null


