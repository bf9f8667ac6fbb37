
select drawdown_from_ath
from "warehouse"."marts"."fct_prices_daily"
where drawdown_from_ath is not null
  and ( false
    or drawdown_from_ath > 0
  )
