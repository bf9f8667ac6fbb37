
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select condition_kind, condition, asset, horizon_days, count(*) as rows_per_combination
from "warehouse"."marts"."fct_alert_evaluation"
group by condition_kind, condition, asset, horizon_days
having count(*) > 1

  
  
      
    ) dbt_internal_test