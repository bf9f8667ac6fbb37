
select open_interest_usd
from "warehouse"."marts"."fct_derivatives_daily"
where open_interest_usd is not null
  and ( open_interest_usd < 0
    or false
  )
