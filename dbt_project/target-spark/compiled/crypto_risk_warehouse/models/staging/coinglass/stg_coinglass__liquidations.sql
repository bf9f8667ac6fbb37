
with source as (
    select * from raw_coinglass.liquidations
),

deduplicated as (
    select *
    from source
    qualify row_number() over (partition by symbol, date order by _loaded_at desc) = 1
),

renamed as (
    select
        symbol as asset,
        date,
        cast(long_liquidation_usd as double) as long_liquidation_usd,
        cast(short_liquidation_usd as double) as short_liquidation_usd,
        _loaded_at
    from deduplicated
),


final as (
    select * from renamed
)

select * from final