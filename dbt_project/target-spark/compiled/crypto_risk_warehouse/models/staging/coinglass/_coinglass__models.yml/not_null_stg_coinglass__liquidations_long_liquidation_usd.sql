
    
    



select long_liquidation_usd
from staging.stg_coinglass__liquidations
where long_liquidation_usd is null


