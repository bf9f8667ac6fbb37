
select call_volume_share
from "warehouse"."marts"."fct_derivatives_daily"
where call_volume_share is not null
  and ( call_volume_share < 0
    or call_volume_share > 1
  )
