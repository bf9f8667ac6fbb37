
select funding_venues
from intermediate.int_derivatives_days_enriched
where funding_venues is not null
  and ( funding_venues < 2
    or false
  )
