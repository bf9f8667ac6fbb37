with source as (
    select * from "warehouse"."raw_binance"."futures_klines"
),

renamed as (
    select
        symbol,
        pair,
        replace(pair, 'USDT', '') as asset,
        delivery_date,
        date,
        cast(open as double) as open,
        cast(high as double) as high,
        cast(low as double) as low,
        cast(close as double) as close,
        cast(volume_base as double) as volume_base,
        _loaded_at
    from source
    where is_closed
),

final as (
    select * from renamed
)

select * from final