
    
    

with all_values as (

    select
        status as value_field,
        count(*) as n_records

    from "warehouse"."marts"."dim_macro_events"
    group by status

)

select *
from all_values
where value_field not in (
    'scheduled','released','postponed','cancelled'
)


