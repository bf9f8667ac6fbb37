
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, date, expiry_date, count(*) as rows_per_combination
from "warehouse"."intermediate"."int_option_expiries_summarized"
group by asset, date, expiry_date
having count(*) > 1

  
  
      
    ) dbt_internal_test