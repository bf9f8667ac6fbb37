
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select series_id, date, count(*) as rows_per_combination
from staging.stg_fred__observations
group by series_id, date
having count(*) > 1

  
  
      
    ) dbt_internal_test