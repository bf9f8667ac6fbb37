
select front_quarter_days_to_expiry
from "warehouse"."marts"."fct_derivatives_daily"
where front_quarter_days_to_expiry is not null
  and ( front_quarter_days_to_expiry < 7
    or front_quarter_days_to_expiry > 200
  )
