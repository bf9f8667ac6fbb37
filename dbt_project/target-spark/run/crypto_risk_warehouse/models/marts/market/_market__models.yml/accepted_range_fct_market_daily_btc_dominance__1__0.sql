
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select btc_dominance
from marts.fct_market_daily
where btc_dominance is not null
  and ( btc_dominance < 0
    or btc_dominance > 1
  )

  
  
      
    ) dbt_internal_test