with source as (
    select * from "warehouse"."raw_coingecko"."global_snapshots"
),

latest_per_day as (
    select *
    from source
    qualify row_number() over (partition by date order by updated_at desc) = 1
),

renamed as (
    select
        date,
        updated_at,
        cast(total_market_cap_usd as double) as total_market_cap_usd,
        cast(btc_dominance as double) as btc_dominance,
        cast(eth_dominance as double) as eth_dominance,
        _loaded_at
    from latest_per_day
),

final as (
    select * from renamed
)

select * from final