
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    



select date
from intermediate.int_btc_ndx_correlations_computed
where date is null



  
  
      
    ) dbt_internal_test