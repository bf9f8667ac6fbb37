
select risk_score
from "warehouse"."marts"."fct_market_pulse_daily_v1"
where risk_score is not null
  and ( risk_score < 0
    or risk_score > 100
  )
