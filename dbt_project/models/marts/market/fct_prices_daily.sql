-- Incremental (README "Incremental transform"): the window's days of int_asset_prices_enriched.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with enriched as (
    select * from {{ ref('int_asset_prices_enriched') }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        asset,
        date,
        open,
        high,
        low,
        close,
        volume_usd,
        return_1d,
        log_return_1d,
        sma_20d,
        sma_50d,
        sma_200d,
        sma_50w,
        rsi_14,
        realized_vol_30d,
        ath_high_to_date,
        drawdown_from_ath,
        distance_to_sma_50w
    from enriched
)

select * from final
