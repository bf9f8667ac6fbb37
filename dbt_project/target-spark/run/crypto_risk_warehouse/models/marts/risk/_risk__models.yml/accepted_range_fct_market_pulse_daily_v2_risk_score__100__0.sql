
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select risk_score
from marts.fct_market_pulse_daily
where risk_score is not null
  and ( risk_score < 0
    or risk_score > 100
  )

  
  
      
    ) dbt_internal_test