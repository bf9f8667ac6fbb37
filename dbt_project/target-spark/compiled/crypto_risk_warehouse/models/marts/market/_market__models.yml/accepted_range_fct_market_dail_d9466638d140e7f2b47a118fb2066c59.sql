
select btc_ndx_corr_90d
from marts.fct_market_daily
where btc_ndx_corr_90d is not null
  and ( btc_ndx_corr_90d < -1.0000001
    or btc_ndx_corr_90d > 1.0000001
  )
