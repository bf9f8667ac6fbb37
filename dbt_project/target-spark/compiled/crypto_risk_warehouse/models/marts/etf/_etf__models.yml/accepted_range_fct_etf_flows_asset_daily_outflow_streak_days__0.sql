
select outflow_streak_days
from marts.fct_etf_flows_asset_daily
where outflow_streak_days is not null
  and ( outflow_streak_days < 0
    or false
  )
