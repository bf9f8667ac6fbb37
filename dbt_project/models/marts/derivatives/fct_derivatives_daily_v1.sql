-- Version 1 (deprecated, see the YAML): version 2 with the 1-day open-interest change under its
-- old name, oi_change_pct_1d, although it holds a fraction.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with latest as (
    select * from {{ ref('fct_derivatives_daily', v=2) }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        date,
        asset,
        funding_rate_annualized,
        open_interest_usd,
        basis_annualized_front_quarter,
        front_quarter_days_to_expiry,
        liquidations_long_usd,
        liquidations_short_usd,
        long_liquidation_share,
        dvol,
        atm_iv_7d,
        atm_iv_30d,
        is_iv_backwardated,
        put_call_volume_ratio,
        call_volume_share,
        funding_rate_annualized_binance,
        funding_rate_annualized_bybit,
        funding_venues,
        open_interest_venues,
        front_quarter_symbol,
        oi_change_1d as oi_change_pct_1d
    from latest
)

select * from final
