
select dvol
from "warehouse"."marts"."fct_derivatives_daily"
where dvol is not null
  and ( dvol < 0.05
    or dvol > 3
  )
