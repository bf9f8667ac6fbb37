
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
    
  
    
    

with all_values as (

    select
        instrument_type as value_field,
        count(*) as n_records

    from "warehouse"."staging"."stg_deribit__book_summaries"
    group by instrument_type

)

select *
from all_values
where value_field not in (
    'option','future','perpetual'
)



  
  
      
    ) dbt_internal_test