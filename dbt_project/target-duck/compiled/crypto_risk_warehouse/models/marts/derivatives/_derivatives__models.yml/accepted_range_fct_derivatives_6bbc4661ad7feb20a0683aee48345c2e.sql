
select liquidations_short_usd
from "warehouse"."marts"."fct_derivatives_daily_v1"
where liquidations_short_usd is not null
  and ( liquidations_short_usd < 0
    or false
  )
