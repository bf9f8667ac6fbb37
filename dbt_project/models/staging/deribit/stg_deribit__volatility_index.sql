with source as (
    select * from {{ source('deribit', 'volatility_index') }}
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by currency, date order by _loaded_at desc) = 1
),

renamed as (
    select
        currency as asset,
        date,
        candle_at,
        close / 100e0 as dvol,
        close as dvol_points,
        _loaded_at
    from deduplicated
),

final as (
    select * from renamed
)

select * from final
