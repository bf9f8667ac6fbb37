
select inflow_streak_days
from intermediate.int_etf_flows_asset_aggregated
where inflow_streak_days is not null
  and ( inflow_streak_days < 0
    or false
  )
