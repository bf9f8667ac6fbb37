
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select rsi_14
from marts.fct_prices_daily
where rsi_14 is not null
  and ( rsi_14 < 0
    or rsi_14 > 100
  )

  
  
      
    ) dbt_internal_test