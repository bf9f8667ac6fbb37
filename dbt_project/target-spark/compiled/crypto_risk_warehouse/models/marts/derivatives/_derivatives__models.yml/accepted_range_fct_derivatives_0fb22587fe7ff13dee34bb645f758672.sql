
select liquidations_long_usd
from marts.fct_derivatives_daily_v1
where liquidations_long_usd is not null
  and ( liquidations_long_usd < 0
    or false
  )
