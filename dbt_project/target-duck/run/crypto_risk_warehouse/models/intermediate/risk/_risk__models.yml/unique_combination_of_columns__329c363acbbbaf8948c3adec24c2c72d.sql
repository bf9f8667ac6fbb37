
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, date, horizon_days, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_forward_outcomes_computed"
group by asset, date, horizon_days
having count(*) > 1

  
  
      
    ) dbt_internal_test