
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select date
from staging.stg_coingecko__global_snapshots
where date is null



  
  
      
    ) dbt_internal_test