
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select atm_iv
from intermediate.int_option_expiries_summarized
where atm_iv is not null
  and ( atm_iv < 0.05
    or atm_iv > 3
  )

  
  
      
    ) dbt_internal_test