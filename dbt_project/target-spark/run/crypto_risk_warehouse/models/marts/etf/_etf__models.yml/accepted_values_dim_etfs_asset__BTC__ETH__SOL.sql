
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        asset as value_field,
        count(*) as n_records

    from marts.dim_etfs
    group by asset

)

select *
from all_values
where value_field not in (
    'BTC','ETH','SOL'
)



  
  
      
    ) dbt_internal_test