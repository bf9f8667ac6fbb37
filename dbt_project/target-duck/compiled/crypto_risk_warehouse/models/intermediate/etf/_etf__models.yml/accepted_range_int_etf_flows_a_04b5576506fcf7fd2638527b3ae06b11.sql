
select site_total_diff_usd
from "warehouse"."intermediate"."int_etf_flows_asset_aggregated"
where site_total_diff_usd is not null
  and ( site_total_diff_usd < -150000
    or site_total_diff_usd > 150000
  )
