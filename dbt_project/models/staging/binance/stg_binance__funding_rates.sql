with source as (
    select * from {{ source('binance', 'funding_rates') }}
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by symbol, funding_hour_at order by _loaded_at desc) = 1
),

renamed as (
    select
        'binance' as venue,
        symbol,
        replace(symbol, 'USDT', '') as asset,
        date,
        funding_at,
        funding_hour_at,
        cast(funding_rate as double) as funding_rate,
        cast(mark_price as double) as mark_price,
        cast(
            {{ crw_datediff(
                'hour',
                'lag(funding_hour_at) over (partition by symbol order by funding_hour_at)',
                'funding_hour_at'
            ) }} as integer
        ) as funding_interval_hours,
        _loaded_at
    from deduplicated
),

final as (
    select * from renamed
)

select * from final
