-- Every input of the morning pulse for each day and pulse asset of the universe: the latest
-- value on or before the day of each source, its as-of date and whether it is stale (older
-- than the source's allowed lag, see the pulse_max_lag_days_* vars). One row per day even when
-- a source has nothing for it.
with pulse_assets as (
    select universe.asset from {{ ref('stg_meta__universe_assets') }} as universe
    where universe.kind = 'pulse'
),

prices as (
    select * from {{ ref('int_asset_prices_enriched') }}
    where asset in (select pulse_assets.asset from pulse_assets)
),

etf_flows as (
    select * from {{ ref('int_etf_flows_asset_aggregated') }}
),

derivatives as (
    select * from {{ ref('int_derivatives_days_enriched') }}
),

market as (
    select * from {{ ref('int_market_days_enriched') }}
),

countdowns as (
    select * from {{ ref('int_macro_countdowns_computed') }}
),

fear_greed as (
    select
        date,
        fear_greed_value,
        fear_greed_classification
    from market
    where fear_greed_value is not null
),

correlations as (
    select distinct
        us_trading_date as date,
        btc_ndx_corr_30d,
        btc_ndx_corr_90d,
        ndx_close
    from market
    where us_trading_date is not null
),

-- The spine runs from the first price day to the last day any daily source has.
source_days as (
    select
        date,
        true as is_price_day
    from prices
    union all
    select
        date,
        false as is_price_day
    from derivatives
    union all
    select
        date,
        false as is_price_day
    from market
),

bounds as (
    select
        min(date) filter (where is_price_day) as first_date,
        max(date) as last_date
    from source_days
),

calendar as (
    select {{ crw_days_between('first_date', 'last_date') }} as calendar_day
    from bounds
),

spine as (
    select
        cast(calendar.calendar_day as date) as date,
        assets.asset
    from calendar
    cross join pulse_assets as assets
),

joined as (
    select
        spine.date,
        spine.asset,
        prices.date as prices_as_of,
        prices.close,
        prices.drawdown_from_ath,
        prices.sma_50w,
        prices.distance_to_sma_50w,
        prices.rsi_14,
        etf_flows.date as etf_flows_as_of,
        etf_flows.net_flow_usd as etf_net_flow_usd,
        etf_flows.flow_5d_usd as etf_flow_5d_usd,
        etf_flows.outflow_streak_days as etf_outflow_streak_days,
        etf_flows.inflow_streak_days as etf_inflow_streak_days,
        etf_flows.largest_outflow_ticker as etf_largest_outflow_ticker,
        etf_flows.largest_outflow_usd as etf_largest_outflow_usd,
        derivatives.date as derivatives_as_of,
        derivatives.funding_rate_annualized,
        derivatives.open_interest_usd,
        derivatives.oi_change_1d,
        derivatives.basis_annualized_front_quarter,
        derivatives.liquidations_long_usd,
        derivatives.liquidations_short_usd,
        derivatives.atm_iv_7d,
        derivatives.atm_iv_30d,
        derivatives.is_iv_backwardated,
        derivatives.dvol,
        fear_greed.date as fear_greed_as_of,
        fear_greed.fear_greed_value,
        fear_greed.fear_greed_classification,
        correlations.date as ndx_as_of,
        correlations.btc_ndx_corr_30d,
        correlations.btc_ndx_corr_90d,
        countdowns.days_to_next_cpi,
        countdowns.next_cpi_date,
        countdowns.days_to_next_fomc,
        countdowns.next_fomc_date,
        countdowns.next_event_type as next_macro_event_type,
        countdowns.next_event_date as next_macro_event_date
    from spine
    {{ crw_asof_join('left', 'prices', 'spine.date', 'date', keys=[('spine.asset', 'asset')]) }}
    {{ crw_asof_join('left', 'etf_flows', 'spine.date', 'date', keys=[('spine.asset', 'asset')]) }}
    {{ crw_asof_join(
        'left', 'derivatives', 'spine.date', 'date', keys=[('spine.asset', 'asset')]
    ) }}
    {{ crw_asof_join('left', 'fear_greed', 'spine.date', 'date') }}
    {{ crw_asof_join('left', 'correlations', 'spine.date', 'date') }}
    left join countdowns on spine.date = countdowns.date
),

flagged as (
    select
        *,
        coalesce(
            {{ crw_datediff('day', 'prices_as_of', 'date') }}
            > {{ var('pulse_max_lag_days_prices') }},
            true
        ) as is_prices_stale,
        coalesce(
            {{ crw_datediff('day', 'etf_flows_as_of', 'date') }}
            > {{ var('pulse_max_lag_days_etf_flows') }},
            true
        ) as is_etf_flows_stale,
        coalesce(
            {{ crw_datediff('day', 'derivatives_as_of', 'date') }}
            > {{ var('pulse_max_lag_days_derivatives') }},
            true
        ) as is_derivatives_stale,
        coalesce(
            {{ crw_datediff('day', 'fear_greed_as_of', 'date') }}
            > {{ var('pulse_max_lag_days_fear_greed') }},
            true
        ) as is_fear_greed_stale,
        coalesce(
            {{ crw_datediff('day', 'ndx_as_of', 'date') }}
            > {{ var('pulse_max_lag_days_ndx') }},
            true
        ) as is_ndx_stale,
        days_to_next_cpi is null and days_to_next_fomc is null as is_macro_missing
    from joined
),

final as (
    select * from flagged
)

select * from final
