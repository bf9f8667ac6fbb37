
select dvol
from "warehouse"."marts"."fct_derivatives_daily_v1"
where dvol is not null
  and ( dvol < 0.05
    or dvol > 3
  )
