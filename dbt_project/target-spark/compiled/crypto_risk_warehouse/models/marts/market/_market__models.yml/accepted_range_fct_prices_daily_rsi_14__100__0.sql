
select rsi_14
from marts.fct_prices_daily
where rsi_14 is not null
  and ( rsi_14 < 0
    or rsi_14 > 100
  )
