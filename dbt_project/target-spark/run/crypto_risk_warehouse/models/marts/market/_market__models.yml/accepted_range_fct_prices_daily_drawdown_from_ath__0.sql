
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select drawdown_from_ath
from marts.fct_prices_daily
where drawdown_from_ath is not null
  and ( false
    or drawdown_from_ath > 0
  )

  
  
      
    ) dbt_internal_test