with source as (
    select * from raw_bybit.open_interest
),

latest_version as (
    select *
    from source
    qualify
        row_number() over (partition by symbol, date order by _loaded_at desc, period_at desc) = 1
),

renamed as (
    select
        'bybit' as venue,
        symbol,
        replace(symbol, 'USDT', '') as asset,
        date,
        period_at,
        cast(open_interest as double) as open_interest_coin,
        _loaded_at
    from latest_version
),

final as (
    select * from renamed
)

select * from final