
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        risk_regime as value_field,
        count(*) as n_records

    from marts.fct_market_pulse_daily
    group by risk_regime

)

select *
from all_values
where value_field not in (
    'calm','elevated','stressed','extreme'
)



  
  
      
    ) dbt_internal_test