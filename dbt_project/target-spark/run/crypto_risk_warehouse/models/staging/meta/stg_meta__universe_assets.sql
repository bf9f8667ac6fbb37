create or replace view staging.stg_meta__universe_assets
  
  
  as
    with source as (
    select * from meta.universe
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
