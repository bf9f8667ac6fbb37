
select long_liquidation_usd
from "warehouse"."staging"."stg_coinglass__liquidations"
where long_liquidation_usd is not null
  and ( long_liquidation_usd < 0
    or false
  )
