with levels as (
    select * from "warehouse"."seeds"."price_levels"
),

final as (
    select
        asset,
        level,
        kind,
        label
    from levels
)

select * from final