
select atm_iv_30d
from marts.fct_derivatives_daily_v1
where atm_iv_30d is not null
  and ( atm_iv_30d < 0.05
    or atm_iv_30d > 3
  )
