
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select date, alert_code, coalesce(asset, ''), count(*) as rows_per_combination
from "warehouse"."marts"."fct_risk_alerts"
group by date, alert_code, coalesce(asset, '')
having count(*) > 1

  
  
      
    ) dbt_internal_test