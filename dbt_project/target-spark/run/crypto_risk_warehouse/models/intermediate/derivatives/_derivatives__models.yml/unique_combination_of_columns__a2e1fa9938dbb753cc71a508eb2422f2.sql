
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select asset, date, count(*) as rows_per_combination
from intermediate.int_derivatives_days_enriched
group by asset, date
having count(*) > 1

  
  
      
    ) dbt_internal_test