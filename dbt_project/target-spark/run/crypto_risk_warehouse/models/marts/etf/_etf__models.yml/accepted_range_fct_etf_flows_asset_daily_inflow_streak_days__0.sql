
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select inflow_streak_days
from marts.fct_etf_flows_asset_daily
where inflow_streak_days is not null
  and ( inflow_streak_days < 0
    or false
  )

  
  
      
    ) dbt_internal_test