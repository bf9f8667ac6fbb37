
select btc_dominance
from "warehouse"."marts"."fct_market_daily"
where btc_dominance is not null
  and ( btc_dominance < 0
    or btc_dominance > 1
  )
