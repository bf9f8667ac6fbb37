
select funding_rate
from "warehouse"."staging"."stg_binance__funding_rates"
where funding_rate is not null
  and ( funding_rate < -0.03
    or funding_rate > 0.03
  )
