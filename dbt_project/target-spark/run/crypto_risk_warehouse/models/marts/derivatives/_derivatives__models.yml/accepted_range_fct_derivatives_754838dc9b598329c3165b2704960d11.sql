
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select put_call_volume_ratio
from marts.fct_derivatives_daily
where put_call_volume_ratio is not null
  and ( put_call_volume_ratio < 0
    or false
  )

  
  
      
    ) dbt_internal_test