
    
    



select long_liquidation_usd
from "warehouse"."staging"."stg_coinglass__liquidations"
where long_liquidation_usd is null


