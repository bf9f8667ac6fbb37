
    
    

with child as (
    select asset as from_field
    from marts.fct_derivatives_daily
    where asset is not null
),

parent as (
    select asset as to_field
    from staging.stg_meta__universe_assets
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


