
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select event_id, offset_days, count(*) as rows_per_combination
from "warehouse"."marts"."fct_macro_event_windows"
group by event_id, offset_days
having count(*) > 1

  
  
      
    ) dbt_internal_test