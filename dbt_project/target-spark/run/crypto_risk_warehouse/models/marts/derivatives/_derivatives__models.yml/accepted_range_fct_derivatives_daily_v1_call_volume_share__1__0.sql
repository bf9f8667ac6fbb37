
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select call_volume_share
from marts.fct_derivatives_daily_v1
where call_volume_share is not null
  and ( call_volume_share < 0
    or call_volume_share > 1
  )

  
  
      
    ) dbt_internal_test