with source as (
    select * from "warehouse"."raw_binance"."spot_klines"
),

renamed as (
    select
        replace(symbol, 'USDT', '') as asset,
        symbol,
        date,
        open_time as open_at,
        close_time as close_at,
        cast(open as double) as open,
        cast(high as double) as high,
        cast(low as double) as low,
        cast(close as double) as close,
        cast(volume_base as double) as volume_base,
        cast(volume_quote as double) as volume_usd,
        trades,
        _loaded_at
    from source
    where is_closed
),

final as (
    select * from renamed
)

select * from final