
select largest_outflow_usd
from marts.fct_etf_flows_asset_daily
where largest_outflow_usd is not null
  and ( false
    or largest_outflow_usd > 0
  )
