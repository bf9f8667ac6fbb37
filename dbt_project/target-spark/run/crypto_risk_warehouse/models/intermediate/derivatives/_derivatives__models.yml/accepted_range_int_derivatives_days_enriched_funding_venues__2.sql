
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select funding_venues
from intermediate.int_derivatives_days_enriched
where funding_venues is not null
  and ( funding_venues < 2
    or false
  )

  
  
      
    ) dbt_internal_test