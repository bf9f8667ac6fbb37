
select put_call_volume_ratio
from marts.fct_derivatives_daily_v1
where put_call_volume_ratio is not null
  and ( put_call_volume_ratio < 0
    or false
  )
