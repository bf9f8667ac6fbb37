
select atm_iv_30d
from intermediate.int_option_surfaces_interpolated
where atm_iv_30d is not null
  and ( atm_iv_30d < 0.05
    or atm_iv_30d > 3
  )
