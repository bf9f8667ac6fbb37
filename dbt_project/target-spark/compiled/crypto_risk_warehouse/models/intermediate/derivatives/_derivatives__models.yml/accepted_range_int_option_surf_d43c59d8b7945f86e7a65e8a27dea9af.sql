
select atm_iv_7d
from intermediate.int_option_surfaces_interpolated
where atm_iv_7d is not null
  and ( atm_iv_7d < 0.05
    or atm_iv_7d > 3
  )
