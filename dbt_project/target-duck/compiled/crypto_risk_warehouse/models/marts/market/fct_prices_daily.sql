-- Incremental (README "Incremental transform"): the window's days of int_asset_prices_enriched.


with enriched as (
    select * from "warehouse"."intermediate"."int_asset_prices_enriched"
    where true
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