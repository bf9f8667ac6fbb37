
    
    

with all_values as (

    select
        moved_in_latest_fetch as value_field,
        count(*) as n_records

    from "warehouse"."intermediate"."int_macro_events_enriched"
    group by moved_in_latest_fetch

)

select *
from all_values
where value_field not in (
    False
)


