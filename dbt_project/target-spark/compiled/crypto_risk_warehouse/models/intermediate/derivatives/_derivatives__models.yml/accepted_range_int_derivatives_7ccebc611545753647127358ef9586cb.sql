
select open_interest_venues
from intermediate.int_derivatives_days_enriched
where open_interest_venues is not null
  and ( open_interest_venues < 2
    or false
  )
