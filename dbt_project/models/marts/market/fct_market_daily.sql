-- Incremental (README "Incremental transform"): the window's days of int_market_days_enriched.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with market_days as (
    select * from {{ ref('int_market_days_enriched') }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        date,
        total_market_cap_usd,
        btc_dominance,
        fear_greed_value,
        fear_greed_classification,
        eth_btc_ratio,
        eth_btc_change_1d,
        ndx_close,
        btc_ndx_corr_30d,
        btc_ndx_corr_90d,
        us_trading_date
    from market_days
)

select * from final
