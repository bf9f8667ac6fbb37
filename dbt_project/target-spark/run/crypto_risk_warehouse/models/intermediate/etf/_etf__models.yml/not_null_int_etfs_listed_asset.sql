
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select asset
from intermediate.int_etfs_listed
where asset is null



  
  
      
    ) dbt_internal_test