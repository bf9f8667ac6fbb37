
select atm_iv_7d
from marts.fct_derivatives_daily
where atm_iv_7d is not null
  and ( atm_iv_7d < 0.05
    or atm_iv_7d > 3
  )
