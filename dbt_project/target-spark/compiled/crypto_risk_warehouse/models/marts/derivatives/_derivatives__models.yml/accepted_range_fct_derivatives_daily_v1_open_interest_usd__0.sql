
select open_interest_usd
from marts.fct_derivatives_daily_v1
where open_interest_usd is not null
  and ( open_interest_usd < 0
    or false
  )
