
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        funding_interval_hours as value_field,
        count(*) as n_records

    from "warehouse"."staging"."stg_binance__funding_rates"
    group by funding_interval_hours

)

select *
from all_values
where value_field not in (
    1,2,4,8
)



  
  
      
    ) dbt_internal_test