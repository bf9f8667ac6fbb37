
select close
from staging.stg_binance__spot_klines
where close is not null
  and ( close < 0
    or false
  )
