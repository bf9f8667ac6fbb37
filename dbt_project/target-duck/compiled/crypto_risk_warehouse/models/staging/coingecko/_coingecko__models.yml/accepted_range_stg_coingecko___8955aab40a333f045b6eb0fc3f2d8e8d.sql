
select btc_dominance
from "warehouse"."staging"."stg_coingecko__global_snapshots"
where btc_dominance is not null
  and ( btc_dominance < 0
    or btc_dominance > 1
  )
