with source as (
    select * from {{ source('bybit', 'funding_rates') }}
),

deduplicated as (
    select *
    from source
    -- date is the day of funding_hour_at, so partitioning by it changes nothing but lets a
    -- reader's `date >= ...` reach the raw scan (README "Incremental transform").
    qualify row_number() over (
        partition by symbol, date, funding_hour_at order by _loaded_at desc
    ) = 1
),

renamed as (
    select
        'bybit' as venue,
        symbol,
        replace(symbol, 'USDT', '') as asset,
        date,
        funding_at,
        funding_hour_at,
        cast(funding_rate as double) as funding_rate,
        _loaded_at
    from deduplicated
),

final as (
    select * from renamed
)

select * from final
