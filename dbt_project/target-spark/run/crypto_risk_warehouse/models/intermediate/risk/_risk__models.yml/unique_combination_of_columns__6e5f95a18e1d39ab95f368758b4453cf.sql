
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select date, asset, count(*) as rows_per_combination
from intermediate.int_risk_inputs_joined
group by date, asset
having count(*) > 1

  
  
      
    ) dbt_internal_test