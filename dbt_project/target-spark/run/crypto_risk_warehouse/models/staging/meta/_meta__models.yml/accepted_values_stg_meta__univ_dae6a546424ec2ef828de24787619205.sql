
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        kind as value_field,
        count(*) as n_records

    from staging.stg_meta__universe_assets
    group by kind

)

select *
from all_values
where value_field not in (
    'spot','perpetuals','futures','options','etf','liquidations','pulse'
)



  
  
      
    ) dbt_internal_test