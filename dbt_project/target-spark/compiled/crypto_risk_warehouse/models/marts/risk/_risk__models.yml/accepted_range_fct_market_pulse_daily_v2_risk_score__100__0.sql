
select risk_score
from marts.fct_market_pulse_daily
where risk_score is not null
  and ( risk_score < 0
    or risk_score > 100
  )
