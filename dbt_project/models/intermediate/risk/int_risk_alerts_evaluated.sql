-- Every alert that fires, one CTE per rule (thresholds: vars in dbt_project.yml). A rule only
-- looks at fresh inputs: a stale source shows in the pulse's stale_inputs instead of firing.
with below_sma_50w as (
    {{ risk_alert(
        'BELOW_SMA_50W', "'medium'", 'i.distance_to_sma_50w', '0',
        'i.close < i.sma_50w',
        "i.asset || ' closed ' || printf('%.1f', -100 * i.distance_to_sma_50w) || '% below its 50-week SMA'",
        'not i.is_prices_stale') }}
),

drawdown as (
    {{ risk_alert(
        'DRAWDOWN_FROM_ATH',
        "case when i.drawdown_from_ath <= " ~ var('alert_drawdown_high_pct') ~ " then 'high' else 'medium' end",
        'i.drawdown_from_ath', var('alert_drawdown_pct'),
        'i.drawdown_from_ath <= ' ~ var('alert_drawdown_pct'),
        "i.asset || ' is ' || printf('%.1f', -100 * i.drawdown_from_ath) || '% below its all-time high'",
        'not i.is_prices_stale') }}
),

rsi_oversold as (
    {{ risk_alert(
        'RSI_OVERSOLD', "'low'", 'i.rsi_14', var('alert_rsi_oversold'),
        'i.rsi_14 < ' ~ var('alert_rsi_oversold'),
        "i.asset || ' RSI(14) at ' || printf('%.1f', i.rsi_14)",
        'not i.is_prices_stale') }}
),

etf_outflow_streak as (
    {{ risk_alert(
        'ETF_OUTFLOW_STREAK',
        "case when i.etf_outflow_streak_days >= " ~ var('alert_etf_outflow_streak_high_days') ~ " then 'high' else 'medium' end",
        'i.etf_outflow_streak_days', var('alert_etf_outflow_streak_days'),
        'i.etf_outflow_streak_days >= ' ~ var('alert_etf_outflow_streak_days'),
        "i.asset || ' spot ETFs: ' || i.etf_outflow_streak_days || ' trading days of net outflows in a row (latest ' || printf('%.1f', i.etf_net_flow_usd / 1e6) || ' $m)'",
        'not i.is_etf_flows_stale') }}
),

extreme_fear as (
    {{ risk_alert(
        'EXTREME_FEAR', "'medium'", 'i.fear_greed_value', var('alert_fear_greed_max'),
        'i.fear_greed_value <= ' ~ var('alert_fear_greed_max'),
        "'Fear & Greed at ' || i.fear_greed_value || ' (' || i.fear_greed_classification || ')'",
        'not i.is_fear_greed_stale', per_asset=false) }}
),

btc_ndx_correlation as (
    {{ risk_alert(
        'BTC_NDX_CORRELATION', "'low'", 'i.btc_ndx_corr_30d', var('alert_btc_ndx_corr_min'),
        'i.btc_ndx_corr_30d >= ' ~ var('alert_btc_ndx_corr_min'),
        "'BTC trading with the Nasdaq-100: 30-day correlation ' || printf('%.2f', i.btc_ndx_corr_30d)",
        'not i.is_ndx_stale and i.asset = \'BTC\'') }}
),

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
        cast(null as varchar) as asset,
        'high' as severity,
        cast(long_usd + short_usd as double) as metric_value,
        cast({{ var('alert_liquidations_usd') }} as double) as threshold,
        'BTC+ETH liquidations $' || printf('%.2f', (long_usd + short_usd) / 1e9) || 'bn, '
            || printf('%.0f', 100 * long_usd / (long_usd + short_usd)) || '% longs' as message
    from liquidation_totals
    where not is_stale
        and long_usd + short_usd > 0
        and long_usd + short_usd >= {{ var('alert_liquidations_usd') }}
        and long_usd / (long_usd + short_usd) >= {{ var('alert_liquidations_long_share') }}
),

oi_flush as (
    {{ risk_alert(
        'OI_FLUSH', "'medium'", 'i.oi_change_pct_1d', var('alert_oi_flush_pct'),
        'i.oi_change_pct_1d <= ' ~ var('alert_oi_flush_pct'),
        "i.asset || ' open interest ' || printf('%.1f', 100 * i.oi_change_pct_1d) || '% in a day'",
        'not i.is_derivatives_stale') }}
),

negative_funding as (
    {{ risk_alert(
        'NEGATIVE_FUNDING', "'low'", 'i.funding_rate_annualized', var('alert_funding_max'),
        'i.funding_rate_annualized < ' ~ var('alert_funding_max'),
        "i.asset || ' funding ' || printf('%.2f', 100 * i.funding_rate_annualized) || '% annualized'",
        'not i.is_derivatives_stale') }}
),

basis_compressed as (
    {{ risk_alert(
        'BASIS_COMPRESSED', "'low'", 'i.basis_annualized_front_quarter', var('alert_basis_min'),
        'i.basis_annualized_front_quarter < ' ~ var('alert_basis_min'),
        "i.asset || ' front-quarter basis ' || printf('%.2f', 100 * i.basis_annualized_front_quarter) || '% annualized'",
        'not i.is_derivatives_stale') }}
),

iv_backwardation as (
    {{ risk_alert(
        'IV_BACKWARDATION', "'medium'", 'i.atm_iv_7d - i.atm_iv_30d', '0',
        'i.is_iv_backwardated',
        "i.asset || ' options term structure inverted: 7d ATM IV ' || printf('%.1f', 100 * i.atm_iv_7d) || '% > 30d ' || printf('%.1f', 100 * i.atm_iv_30d) || '%'",
        'not i.is_derivatives_stale and i.asset = \'BTC\'') }}
),

cpi_near as (
    {{ risk_alert(
        'CPI_NEAR', "'low'", 'i.days_to_next_cpi', var('alert_macro_days'),
        'i.days_to_next_cpi <= ' ~ var('alert_macro_days'),
        "'CPI release in ' || i.days_to_next_cpi || ' day(s), ' || strftime(i.next_cpi_date, '%Y-%m-%d')",
        'true', per_asset=false) }}
),

fomc_near as (
    {{ risk_alert(
        'FOMC_NEAR', "'low'", 'i.days_to_next_fomc', var('alert_macro_days'),
        'i.days_to_next_fomc <= ' ~ var('alert_macro_days'),
        "'FOMC decision in ' || i.days_to_next_fomc || ' day(s), ' || strftime(i.next_fomc_date, '%Y-%m-%d')",
        'true', per_asset=false) }}
),

unioned as (
    select * from below_sma_50w
    union all select * from drawdown
    union all select * from rsi_oversold
    union all select * from etf_outflow_streak
    union all select * from extreme_fear
    union all select * from btc_ndx_correlation
    union all select * from liquidation_cascade
    union all select * from oi_flush
    union all select * from negative_funding
    union all select * from basis_compressed
    union all select * from iv_backwardation
    union all select * from cpi_near
    union all select * from fomc_near
),

final as (
    select * from unioned
)

select * from final
