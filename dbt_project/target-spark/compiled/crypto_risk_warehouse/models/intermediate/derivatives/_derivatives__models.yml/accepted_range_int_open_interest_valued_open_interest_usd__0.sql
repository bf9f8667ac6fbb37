
select open_interest_usd
from intermediate.int_open_interest_valued
where open_interest_usd is not null
  and ( open_interest_usd < 0
    or false
  )
