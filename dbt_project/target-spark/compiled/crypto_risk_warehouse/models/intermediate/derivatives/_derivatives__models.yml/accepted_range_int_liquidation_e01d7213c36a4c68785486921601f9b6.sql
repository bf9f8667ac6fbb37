
select long_liquidation_share
from intermediate.int_liquidations_summarized
where long_liquidation_share is not null
  and ( long_liquidation_share < 0
    or long_liquidation_share > 1
  )
