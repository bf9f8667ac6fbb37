
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select close
from staging.stg_binance__spot_klines
where close is not null
  and ( close < 0
    or false
  )

  
  
      
    ) dbt_internal_test