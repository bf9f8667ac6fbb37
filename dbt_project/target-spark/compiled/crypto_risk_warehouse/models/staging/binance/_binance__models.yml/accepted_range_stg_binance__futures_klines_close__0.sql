
select close
from staging.stg_binance__futures_klines
where close is not null
  and ( close < 0
    or false
  )
