
select dvol
from "warehouse"."staging"."stg_deribit__volatility_index"
where dvol is not null
  and ( dvol < 0.05
    or dvol > 3
  )
