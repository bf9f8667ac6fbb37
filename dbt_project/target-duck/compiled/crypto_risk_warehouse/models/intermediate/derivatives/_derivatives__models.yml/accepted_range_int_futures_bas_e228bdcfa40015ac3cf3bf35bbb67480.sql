
select basis_annualized_front_quarter
from "warehouse"."intermediate"."int_futures_basis_computed"
where basis_annualized_front_quarter is not null
  and ( basis_annualized_front_quarter < -1
    or basis_annualized_front_quarter > 1
  )
