
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, week_start, count(*) as rows_per_combination
from intermediate.int_asset_weeks_closed
group by asset, week_start
having count(*) > 1

  
  
      
    ) dbt_internal_test