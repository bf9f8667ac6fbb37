
select btc_ndx_corr_30d
from "warehouse"."marts"."fct_market_daily"
where btc_ndx_corr_30d is not null
  and ( btc_ndx_corr_30d < -1.0000001
    or btc_ndx_corr_30d > 1.0000001
  )
