-- Incremental (README "Incremental transform"): the window's days of the enriched model.
{{
    config(
        materialized=crw_incremental(),
        incremental_strategy='crw_window',
        on_schema_change='fail',
    )
}}

with enriched as (
    select * from {{ ref('int_derivatives_days_enriched') }}
    where {{ crw_keeps_window('date') }}
),

final as (
    select
        date,
        asset,
        funding_rate_annualized,
        open_interest_usd,
        oi_change_1d,
        basis_annualized_front_quarter,
        cast(front_quarter_days_to_expiry as integer) as front_quarter_days_to_expiry,
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
        front_quarter_symbol
    from enriched
)

select * from final
