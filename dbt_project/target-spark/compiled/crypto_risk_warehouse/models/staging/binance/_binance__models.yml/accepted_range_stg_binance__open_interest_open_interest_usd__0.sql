
select open_interest_usd
from staging.stg_binance__open_interest
where open_interest_usd is not null
  and ( open_interest_usd < 0
    or false
  )
