
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select event_id, version_number, count(*) as rows_per_combination
from intermediate.int_macro_event_versions_ranged
group by event_id, version_number
having count(*) > 1

  
  
      
    ) dbt_internal_test