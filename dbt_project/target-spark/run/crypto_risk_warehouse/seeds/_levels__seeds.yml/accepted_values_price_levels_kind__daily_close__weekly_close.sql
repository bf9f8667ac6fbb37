
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        kind as value_field,
        count(*) as n_records

    from seeds.price_levels
    group by kind

)

select *
from all_values
where value_field not in (
    'daily_close','weekly_close'
)



  
  
      
    ) dbt_internal_test