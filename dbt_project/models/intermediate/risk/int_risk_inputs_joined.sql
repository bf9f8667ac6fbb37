-- Every input of the morning pulse for each day and asset (BTC, ETH): the latest value on or
-- before the day of each source, its as-of date and whether it is stale (older than the
-- source's allowed lag, see the pulse_max_lag_days_* vars). One row per day even when a source
-- has nothing for it.
with prices as (
    select * from {{ ref('int_asset_prices_enriched') }} where asset in ('BTC', 'ETH')
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
    select date, fear_greed_value, fear_greed_classification
    from market
    where fear_greed_value is not null
),

correlations as (
    select distinct us_trading_date as date, btc_ndx_corr_30d, btc_ndx_corr_90d, ndx_close
    from market
    where us_trading_date is not null
),

bounds as (
    select
        (select min(date) from prices) as first_date,
        greatest(
            (select max(date) from prices),
            (select max(date) from derivatives),
            (select max(date) from market)
        ) as last_date
),

spine as (
    select cast(d.generate_series as date) as date, a.asset
    from bounds
    cross join generate_series(bounds.first_date, bounds.last_date, interval 1 day) as d
    cross join (values ('BTC'), ('ETH')) as a (asset)
),

joined as (
    select
        s.date,
        s.asset,
        p.date as prices_as_of,
        p.close,
        p.drawdown_from_ath,
        p.sma_50w,
        p.distance_to_sma_50w,
        p.rsi_14,
        e.date as etf_flows_as_of,
        e.net_flow_usd as etf_net_flow_usd,
        e.flow_5d_usd as etf_flow_5d_usd,
        e.outflow_streak_days as etf_outflow_streak_days,
        e.inflow_streak_days as etf_inflow_streak_days,
        e.largest_outflow_ticker as etf_largest_outflow_ticker,
        e.largest_outflow_usd as etf_largest_outflow_usd,
        d.date as derivatives_as_of,
        d.funding_rate_annualized,
        d.open_interest_usd,
        d.oi_change_pct_1d,
        d.basis_annualized_front_quarter,
        d.liquidations_long_usd,
        d.liquidations_short_usd,
        d.atm_iv_7d,
        d.atm_iv_30d,
        d.is_iv_backwardated,
        d.dvol,
        f.date as fear_greed_as_of,
        f.fear_greed_value,
        f.fear_greed_classification,
        c.date as ndx_as_of,
        c.btc_ndx_corr_30d,
        c.btc_ndx_corr_90d,
        m.days_to_next_cpi,
        m.next_cpi_date,
        m.days_to_next_fomc,
        m.next_fomc_date,
        m.next_event_type as next_macro_event_type,
        m.next_event_date as next_macro_event_date
    from spine as s
    asof left join prices as p on p.asset = s.asset and s.date >= p.date
    asof left join etf_flows as e on e.asset = s.asset and s.date >= e.date
    asof left join derivatives as d on d.asset = s.asset and s.date >= d.date
    asof left join fear_greed as f on s.date >= f.date
    asof left join correlations as c on s.date >= c.date
    left join countdowns as m on m.date = s.date
),

flagged as (
    select
        *,
        coalesce(date - prices_as_of > {{ var('pulse_max_lag_days_prices') }}, true) as is_prices_stale,
        coalesce(date - etf_flows_as_of > {{ var('pulse_max_lag_days_etf_flows') }}, true) as is_etf_flows_stale,
        coalesce(date - derivatives_as_of > {{ var('pulse_max_lag_days_derivatives') }}, true) as is_derivatives_stale,
        coalesce(date - fear_greed_as_of > {{ var('pulse_max_lag_days_fear_greed') }}, true) as is_fear_greed_stale,
        coalesce(date - ndx_as_of > {{ var('pulse_max_lag_days_ndx') }}, true) as is_ndx_stale,
        days_to_next_cpi is null and days_to_next_fomc is null as is_macro_missing
    from joined
),

final as (
    select * from flagged
)

select * from final
