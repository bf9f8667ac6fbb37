
select outflow_streak_days
from intermediate.int_etf_flows_asset_aggregated
where outflow_streak_days is not null
  and ( outflow_streak_days < 0
    or false
  )
