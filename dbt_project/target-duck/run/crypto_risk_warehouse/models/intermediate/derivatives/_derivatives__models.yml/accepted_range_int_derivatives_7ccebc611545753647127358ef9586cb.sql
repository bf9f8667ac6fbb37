
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select open_interest_venues
from "warehouse"."intermediate"."int_derivatives_days_enriched"
where open_interest_venues is not null
  and ( open_interest_venues < 2
    or false
  )

  
  
      
    ) dbt_internal_test