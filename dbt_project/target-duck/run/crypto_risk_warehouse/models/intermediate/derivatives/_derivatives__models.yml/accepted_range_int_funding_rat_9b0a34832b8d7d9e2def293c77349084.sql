
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select max_abs_funding_rate
from "warehouse"."intermediate"."int_funding_rates_aggregated"
where max_abs_funding_rate is not null
  and ( false
    or max_abs_funding_rate > 0.03
  )

  
  
      
    ) dbt_internal_test