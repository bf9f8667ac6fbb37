
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select front_quarter_days_to_expiry
from marts.fct_derivatives_daily_v1
where front_quarter_days_to_expiry is not null
  and ( front_quarter_days_to_expiry < 7
    or front_quarter_days_to_expiry > 200
  )

  
  
      
    ) dbt_internal_test