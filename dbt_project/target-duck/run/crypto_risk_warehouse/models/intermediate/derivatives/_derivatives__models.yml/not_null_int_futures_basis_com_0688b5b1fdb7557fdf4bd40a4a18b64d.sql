
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select basis_annualized_front_quarter
from "warehouse"."intermediate"."int_futures_basis_computed"
where basis_annualized_front_quarter is null



  
  
      
    ) dbt_internal_test