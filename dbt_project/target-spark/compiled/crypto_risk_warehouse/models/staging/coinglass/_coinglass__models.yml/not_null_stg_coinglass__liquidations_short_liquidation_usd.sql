
    
    



select short_liquidation_usd
from staging.stg_coinglass__liquidations
where short_liquidation_usd is null


