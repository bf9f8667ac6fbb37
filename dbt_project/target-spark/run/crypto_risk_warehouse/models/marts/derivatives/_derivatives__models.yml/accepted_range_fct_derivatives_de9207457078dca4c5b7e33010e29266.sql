
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
select basis_annualized_front_quarter
from marts.fct_derivatives_daily_v1
where basis_annualized_front_quarter is not null
  and ( basis_annualized_front_quarter < -1
    or basis_annualized_front_quarter > 1
  )

  
  
      
    ) dbt_internal_test