
select basis_annualized_front_quarter
from "warehouse"."marts"."fct_derivatives_daily_v1"
where basis_annualized_front_quarter is not null
  and ( basis_annualized_front_quarter < -1
    or basis_annualized_front_quarter > 1
  )
