
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select kind
from seeds.price_levels
where kind is null



  
  
      
    ) dbt_internal_test