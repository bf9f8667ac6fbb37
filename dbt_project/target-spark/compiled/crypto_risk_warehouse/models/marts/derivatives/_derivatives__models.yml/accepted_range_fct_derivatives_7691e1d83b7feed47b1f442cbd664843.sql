
select long_liquidation_share
from marts.fct_derivatives_daily
where long_liquidation_share is not null
  and ( long_liquidation_share < 0
    or long_liquidation_share > 1
  )
