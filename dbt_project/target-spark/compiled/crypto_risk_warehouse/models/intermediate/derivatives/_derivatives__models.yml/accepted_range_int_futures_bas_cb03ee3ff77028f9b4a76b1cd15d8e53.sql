
select front_quarter_days_to_expiry
from intermediate.int_futures_basis_computed
where front_quarter_days_to_expiry is not null
  and ( front_quarter_days_to_expiry < 7
    or front_quarter_days_to_expiry > 200
  )
