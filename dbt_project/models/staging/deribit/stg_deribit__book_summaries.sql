with source as (
    select * from {{ source('deribit', 'book_summaries') }}
),

instruments as (
    -- calendar spreads (BTC-FS-...) are not instruments of the curve
    select *
    from source
    where instrument_type <> 'future_combo'
),

latest_snapshot as (
    select *
    from instruments
    qualify row_number() over (
        partition by date, instrument_name order by snapshot_at desc, _loaded_at desc
    ) = 1
),

renamed as (
    select
        currency as asset,
        date,
        snapshot_at,
        instrument_name,
        instrument_type,
        expiry_date,
        expiry_at,
        {{ crw_datediff('second', 'snapshot_at', 'expiry_at') }} / (365e0 * 86400)
            as time_to_expiry_years,
        strike,
        option_type,
        mark_price,
        mark_iv / 100e0 as mark_iv,
        bid_price,
        ask_price,
        volume as volume_24h,
        volume_usd as volume_24h_usd,
        open_interest,
        underlying_price,
        underlying_index,
        estimated_delivery_price,
        current_funding,
        funding_8h,
        _loaded_at
    from latest_snapshot
),

final as (
    select * from renamed
)

select * from final
