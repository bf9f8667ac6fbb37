with source as (
    select * from "warehouse"."meta"."universe"
),

renamed as (
    select
        kind,
        coalesce(venue, kind) as venue,
        asset,
        symbol,
        kind in ('perpetuals', 'futures', 'options', 'liquidations') as is_derivatives
    from source
),

final as (
    select * from renamed
)

select * from final