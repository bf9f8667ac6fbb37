with source as (
    select * from raw_binance.open_interest
),

latest_version as (
    -- one row per symbol and day in raw (merged on load; the API forgets days after ~30);
    -- the newest load wins should an older table still hold versions
    select *
    from source
    qualify
        row_number() over (partition by symbol, date order by _loaded_at desc, period_at desc) = 1
),

renamed as (
    select
        'binance' as venue,
        symbol,
        replace(symbol, 'USDT', '') as asset,
        date,
        period_at,
        cast(open_interest as double) as open_interest_coin,
        cast(open_interest_usd as double) as open_interest_usd,
        _loaded_at
    from latest_version
),

final as (
    select * from renamed
)

select * from final