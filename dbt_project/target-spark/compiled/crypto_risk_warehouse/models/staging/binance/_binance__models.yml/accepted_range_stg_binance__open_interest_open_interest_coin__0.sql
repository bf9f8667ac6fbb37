
select open_interest_coin
from staging.stg_binance__open_interest
where open_interest_coin is not null
  and ( open_interest_coin < 0
    or false
  )
