
    
    

with all_values as (

    select
        kind as value_field,
        count(*) as n_records

    from "warehouse"."seeds"."price_levels"
    group by kind

)

select *
from all_values
where value_field not in (
    'daily_close','weekly_close'
)


