
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select dvol
from marts.fct_derivatives_daily_v1
where dvol is not null
  and ( dvol < 0.05
    or dvol > 3
  )

  
  
      
    ) dbt_internal_test