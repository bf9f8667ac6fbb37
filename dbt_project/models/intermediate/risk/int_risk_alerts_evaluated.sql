-- Every alert that fires, one CTE per rule (thresholds: vars in dbt_project.yml). A rule only
-- looks at fresh inputs: a stale source shows in the pulse's stale_inputs instead of firing.
-- Each rule is a risk_alert call (macros/risk_alert.sql): SQL expressions over `inputs`, one
-- row of int_risk_inputs_joined per day and asset.
with below_sma_50w as (
    {{ risk_alert(
        code='BELOW_SMA_50W',
        severity="'medium'",
        metric='inputs.distance_to_sma_50w',
        threshold='0',
        condition='inputs.close < inputs.sma_50w',
        message="inputs.asset || ' closed '"
            ~ " || " ~ crw_fixed("-100 * inputs.distance_to_sma_50w", 1) ~ " || '% below its 50-week SMA'",
        fresh='not inputs.is_prices_stale',
    ) }}
),

drawdown as (
    {{ risk_alert(
        code='DRAWDOWN_FROM_ATH',
        severity="case when inputs.drawdown_from_ath <= " ~ var('alert_drawdown_high_pct')
            ~ " then 'high' else 'medium' end",
        metric='inputs.drawdown_from_ath',
        threshold=var('alert_drawdown_pct'),
        condition='inputs.drawdown_from_ath <= ' ~ var('alert_drawdown_pct'),
        message="inputs.asset || ' is '"
            ~ " || " ~ crw_fixed("-100 * inputs.drawdown_from_ath", 1) ~ " || '% below its all-time high'",
        fresh='not inputs.is_prices_stale',
    ) }}
),

rsi_oversold as (
    {{ risk_alert(
        code='RSI_OVERSOLD',
        severity="'low'",
        metric='inputs.rsi_14',
        threshold=var('alert_rsi_oversold'),
        condition='inputs.rsi_14 < ' ~ var('alert_rsi_oversold'),
        message="inputs.asset || ' RSI(14) at ' || " ~ crw_fixed("inputs.rsi_14", 1),
        fresh='not inputs.is_prices_stale',
    ) }}
),

etf_outflow_streak as (
    {{ risk_alert(
        code='ETF_OUTFLOW_STREAK',
        severity="case when inputs.etf_outflow_streak_days >= "
            ~ var('alert_etf_outflow_streak_high_days') ~ " then 'high' else 'medium' end",
        metric='inputs.etf_outflow_streak_days',
        threshold=var('alert_etf_outflow_streak_days'),
        condition='inputs.etf_outflow_streak_days >= ' ~ var('alert_etf_outflow_streak_days'),
        message="inputs.asset || ' spot ETFs: ' || inputs.etf_outflow_streak_days"
            ~ " || ' trading days of net outflows in a row (latest '"
            ~ " || " ~ crw_fixed("inputs.etf_net_flow_usd / 1e6", 1) ~ " || ' $m)'",
        fresh='not inputs.is_etf_flows_stale',
    ) }}
),

extreme_fear as (
    {{ risk_alert(
        code='EXTREME_FEAR',
        severity="'medium'",
        metric='inputs.fear_greed_value',
        threshold=var('alert_fear_greed_max'),
        condition='inputs.fear_greed_value <= ' ~ var('alert_fear_greed_max'),
        message="'Fear & Greed at ' || inputs.fear_greed_value"
            ~ " || ' (' || inputs.fear_greed_classification || ')'",
        fresh='not inputs.is_fear_greed_stale',
        scope='market',
    ) }}
),

btc_ndx_correlation as (
    {{ risk_alert(
        code='BTC_NDX_CORRELATION',
        severity="'low'",
        metric='inputs.btc_ndx_corr_30d',
        threshold=var('alert_btc_ndx_corr_min'),
        condition='inputs.btc_ndx_corr_30d >= ' ~ var('alert_btc_ndx_corr_min'),
        message="'BTC trading with the Nasdaq-100: 30-day correlation '"
            ~ " || " ~ crw_fixed("inputs.btc_ndx_corr_30d", 2),
        fresh='not inputs.is_ndx_stale',
        scope='BTC',
    ) }}
),

-- BTC+ETH together, so not a risk_alert call (which reads one row per day and asset).
liquidation_totals as (
    select
        date,
        sum(liquidations_long_usd) as long_usd,
        sum(liquidations_short_usd) as short_usd,
        bool_or(is_derivatives_stale) as is_stale
    from {{ ref('int_risk_inputs_joined') }}
    group by date
),

liquidation_cascade as (
    select
        date,
        'LIQUIDATION_CASCADE' as alert_code,
        cast(null as string) as asset,
        'high' as severity,
        cast(long_usd + short_usd as double) as metric_value,
        cast({{ var('alert_liquidations_usd') }} as double) as threshold,
        'BTC+ETH liquidations $' || {{ crw_fixed('(long_usd + short_usd) / 1e9', 2) }} || 'bn, '
        || {{ crw_fixed('100 * long_usd / (long_usd + short_usd)', 0) }} || '% longs' as message
    from liquidation_totals
    where
        not is_stale
        and long_usd + short_usd > 0
        and long_usd + short_usd >= {{ var('alert_liquidations_usd') }}
        and long_usd / (long_usd + short_usd) >= {{ var('alert_liquidations_long_share') }}
),

oi_flush as (
    {{ risk_alert(
        code='OI_FLUSH',
        severity="'medium'",
        metric='inputs.oi_change_1d',
        threshold=var('alert_oi_flush_pct'),
        condition='inputs.oi_change_1d <= ' ~ var('alert_oi_flush_pct'),
        message="inputs.asset || ' open interest '"
            ~ " || " ~ crw_fixed("100 * inputs.oi_change_1d", 1) ~ " || '% in a day'",
        fresh='not inputs.is_derivatives_stale',
    ) }}
),

negative_funding as (
    {{ risk_alert(
        code='NEGATIVE_FUNDING',
        severity="'low'",
        metric='inputs.funding_rate_annualized',
        threshold=var('alert_funding_max'),
        condition='inputs.funding_rate_annualized < ' ~ var('alert_funding_max'),
        message="inputs.asset || ' funding '"
            ~ " || " ~ crw_fixed("100 * inputs.funding_rate_annualized", 2) ~ " || '% annualized'",
        fresh='not inputs.is_derivatives_stale',
    ) }}
),

basis_compressed as (
    {{ risk_alert(
        code='BASIS_COMPRESSED',
        severity="'low'",
        metric='inputs.basis_annualized_front_quarter',
        threshold=var('alert_basis_min'),
        condition='inputs.basis_annualized_front_quarter < ' ~ var('alert_basis_min'),
        message="inputs.asset || ' front-quarter basis '"
            ~ " || " ~ crw_fixed("100 * inputs.basis_annualized_front_quarter", 2) ~ " || '% annualized'",
        fresh='not inputs.is_derivatives_stale',
    ) }}
),

iv_backwardation as (
    {{ risk_alert(
        code='IV_BACKWARDATION',
        severity="'medium'",
        metric='inputs.atm_iv_7d - inputs.atm_iv_30d',
        threshold='0',
        condition='inputs.is_iv_backwardated',
        message="inputs.asset || ' options term structure inverted: 7d ATM IV '"
            ~ " || " ~ crw_fixed("100 * inputs.atm_iv_7d", 1) ~ " || '% > 30d '"
            ~ " || " ~ crw_fixed("100 * inputs.atm_iv_30d", 1) ~ " || '%'",
        fresh='not inputs.is_derivatives_stale',
        scope='BTC',
    ) }}
),

cpi_near as (
    {{ risk_alert(
        code='CPI_NEAR',
        severity="'low'",
        metric='inputs.days_to_next_cpi',
        threshold=var('alert_macro_days'),
        condition='inputs.days_to_next_cpi <= ' ~ var('alert_macro_days'),
        message="'CPI release in ' || inputs.days_to_next_cpi || ' day(s), '"
            ~ " || cast(inputs.next_cpi_date as string)",
        fresh='true',
        scope='market',
    ) }}
),

-- A close crossing the desk's levels (seeds/price_levels.csv, one row per level crossed in
-- int_price_level_crossings_detected): one alert per day, asset and kind of close however many
-- levels it crossed (a close moves one way, so they share a direction). threshold is the level
-- crossed nearest the close. Not risk_alert calls: a day can cross several levels.
level_crossings as (
    select * from {{ ref('int_price_level_crossings_detected') }}
),

level_crossing_alerts as (
    select
        date,
        case kind
            when 'weekly_close' then 'WEEKLY_CLOSE_LEVEL_CROSS'
            else 'DAILY_CLOSE_LEVEL_CROSS'
        end as alert_code,
        asset,
        case kind when 'weekly_close' then 'medium' else 'low' end as severity,
        cast(any_value(close) as double) as metric_value,
        cast(min_by(level, abs(close - level)) as double) as threshold,
        asset || case kind when 'weekly_close' then ' weekly' else ' daily' end
        || ' close $' || {{ crw_thousands('any_value(close)') }}
        || case any_value(direction) when 'up' then ' crossed above ' else ' crossed below ' end
        || {{ crw_string_agg(crw_thousands('level'), "' and '", 'level desc') }} as message
    from level_crossings
    group by date, asset, kind
),

fomc_near as (
    {{ risk_alert(
        code='FOMC_NEAR',
        severity="'low'",
        metric='inputs.days_to_next_fomc',
        threshold=var('alert_macro_days'),
        condition='inputs.days_to_next_fomc <= ' ~ var('alert_macro_days'),
        message="'FOMC decision in ' || inputs.days_to_next_fomc || ' day(s), '"
            ~ " || cast(inputs.next_fomc_date as string)",
        fresh='true',
        scope='market',
    ) }}
),

unioned as (
    select * from below_sma_50w
    union all
    select * from drawdown
    union all
    select * from rsi_oversold
    union all
    select * from etf_outflow_streak
    union all
    select * from extreme_fear
    union all
    select * from btc_ndx_correlation
    union all
    select * from liquidation_cascade
    union all
    select * from oi_flush
    union all
    select * from negative_funding
    union all
    select * from basis_compressed
    union all
    select * from iv_backwardation
    union all
    select * from cpi_near
    union all
    select * from fomc_near
    union all
    select * from level_crossing_alerts
),

final as (
    select * from unioned
)

select * from final
