
select atm_iv
from "warehouse"."intermediate"."int_option_expiries_summarized"
where atm_iv is not null
  and ( atm_iv < 0.05
    or atm_iv > 3
  )
