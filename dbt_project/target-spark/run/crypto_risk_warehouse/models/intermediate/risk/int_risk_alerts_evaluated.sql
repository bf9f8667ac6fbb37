
  
    
        create table intermediate.int_risk_alerts_evaluated
      
      
      
      
      
      
      
      

      as
      -- Every alert that fires, one CTE per rule (thresholds: vars in dbt_project.yml). A rule only
-- looks at fresh inputs: a stale source shows in the pulse's stale_inputs instead of firing.
-- Each rule is a risk_alert call (macros/risk_alert.sql): SQL expressions over `inputs`, one
-- row of int_risk_inputs_joined per day and asset.
with below_sma_50w as (
    
    select
        inputs.date,
        'BELOW_SMA_50W' as alert_code,
        inputs.asset as asset,
        'medium' as severity,
        cast(inputs.distance_to_sma_50w as double) as metric_value,
        cast(0 as double) as threshold,
        inputs.asset || ' closed ' || format_string('%.1f', cast(-100 * inputs.distance_to_sma_50w as double)) || '% below its 50-week SMA' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.close < inputs.sma_50w) and (not inputs.is_prices_stale)
    

),

drawdown as (
    
    select
        inputs.date,
        'DRAWDOWN_FROM_ATH' as alert_code,
        inputs.asset as asset,
        case when inputs.drawdown_from_ath <= -0.35 then 'high' else 'medium' end as severity,
        cast(inputs.drawdown_from_ath as double) as metric_value,
        cast(-0.2 as double) as threshold,
        inputs.asset || ' is ' || format_string('%.1f', cast(-100 * inputs.drawdown_from_ath as double)) || '% below its all-time high' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.drawdown_from_ath <= -0.2) and (not inputs.is_prices_stale)
    

),

rsi_oversold as (
    
    select
        inputs.date,
        'RSI_OVERSOLD' as alert_code,
        inputs.asset as asset,
        'low' as severity,
        cast(inputs.rsi_14 as double) as metric_value,
        cast(30 as double) as threshold,
        inputs.asset || ' RSI(14) at ' || format_string('%.1f', cast(inputs.rsi_14 as double)) as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.rsi_14 < 30) and (not inputs.is_prices_stale)
    

),

etf_outflow_streak as (
    
    select
        inputs.date,
        'ETF_OUTFLOW_STREAK' as alert_code,
        inputs.asset as asset,
        case when inputs.etf_outflow_streak_days >= 5 then 'high' else 'medium' end as severity,
        cast(inputs.etf_outflow_streak_days as double) as metric_value,
        cast(3 as double) as threshold,
        inputs.asset || ' spot ETFs: ' || inputs.etf_outflow_streak_days || ' trading days of net outflows in a row (latest ' || format_string('%.1f', cast(inputs.etf_net_flow_usd / 1e6 as double)) || ' $m)' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.etf_outflow_streak_days >= 3) and (not inputs.is_etf_flows_stale)
    

),

extreme_fear as (
    
    select
        inputs.date,
        'EXTREME_FEAR' as alert_code,
        cast(null as string) as asset,
        'medium' as severity,
        cast(inputs.fear_greed_value as double) as metric_value,
        cast(25 as double) as threshold,
        'Fear & Greed at ' || inputs.fear_greed_value || ' (' || inputs.fear_greed_classification || ')' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.fear_greed_value <= 25) and (not inputs.is_fear_greed_stale)
     and inputs.asset = 'BTC'

),

btc_ndx_correlation as (
    
    select
        inputs.date,
        'BTC_NDX_CORRELATION' as alert_code,
        inputs.asset as asset,
        'low' as severity,
        cast(inputs.btc_ndx_corr_30d as double) as metric_value,
        cast(0.7 as double) as threshold,
        'BTC trading with the Nasdaq-100: 30-day correlation ' || format_string('%.2f', cast(inputs.btc_ndx_corr_30d as double)) as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.btc_ndx_corr_30d >= 0.7) and (not inputs.is_ndx_stale)
     and inputs.asset = 'BTC'

),

-- BTC+ETH together, so not a risk_alert call (which reads one row per day and asset).
liquidation_totals as (
    select
        date,
        sum(liquidations_long_usd) as long_usd,
        sum(liquidations_short_usd) as short_usd,
        bool_or(is_derivatives_stale) as is_stale
    from intermediate.int_risk_inputs_joined
    group by date
),

liquidation_cascade as (
    select
        date,
        'LIQUIDATION_CASCADE' as alert_code,
        cast(null as string) as asset,
        'high' as severity,
        cast(long_usd + short_usd as double) as metric_value,
        cast(1000000000 as double) as threshold,
        'BTC+ETH liquidations $' || format_string('%.2f', cast((long_usd + short_usd) / 1e9 as double)) || 'bn, '
        || format_string('%.0f', cast(100 * long_usd / (long_usd + short_usd) as double)) || '% longs' as message
    from liquidation_totals
    where
        not is_stale
        and long_usd + short_usd > 0
        and long_usd + short_usd >= 1000000000
        and long_usd / (long_usd + short_usd) >= 0.75
),

oi_flush as (
    
    select
        inputs.date,
        'OI_FLUSH' as alert_code,
        inputs.asset as asset,
        'medium' as severity,
        cast(inputs.oi_change_1d as double) as metric_value,
        cast(-0.05 as double) as threshold,
        inputs.asset || ' open interest ' || format_string('%.1f', cast(100 * inputs.oi_change_1d as double)) || '% in a day' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.oi_change_1d <= -0.05) and (not inputs.is_derivatives_stale)
    

),

negative_funding as (
    
    select
        inputs.date,
        'NEGATIVE_FUNDING' as alert_code,
        inputs.asset as asset,
        'low' as severity,
        cast(inputs.funding_rate_annualized as double) as metric_value,
        cast(0 as double) as threshold,
        inputs.asset || ' funding ' || format_string('%.2f', cast(100 * inputs.funding_rate_annualized as double)) || '% annualized' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.funding_rate_annualized < 0) and (not inputs.is_derivatives_stale)
    

),

basis_compressed as (
    
    select
        inputs.date,
        'BASIS_COMPRESSED' as alert_code,
        inputs.asset as asset,
        'low' as severity,
        cast(inputs.basis_annualized_front_quarter as double) as metric_value,
        cast(0.05 as double) as threshold,
        inputs.asset || ' front-quarter basis ' || format_string('%.2f', cast(100 * inputs.basis_annualized_front_quarter as double)) || '% annualized' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.basis_annualized_front_quarter < 0.05) and (not inputs.is_derivatives_stale)
    

),

iv_backwardation as (
    
    select
        inputs.date,
        'IV_BACKWARDATION' as alert_code,
        inputs.asset as asset,
        'medium' as severity,
        cast(inputs.atm_iv_7d - inputs.atm_iv_30d as double) as metric_value,
        cast(0 as double) as threshold,
        inputs.asset || ' options term structure inverted: 7d ATM IV ' || format_string('%.1f', cast(100 * inputs.atm_iv_7d as double)) || '% > 30d ' || format_string('%.1f', cast(100 * inputs.atm_iv_30d as double)) || '%' as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.is_iv_backwardated) and (not inputs.is_derivatives_stale)
     and inputs.asset = 'BTC'

),

cpi_near as (
    
    select
        inputs.date,
        'CPI_NEAR' as alert_code,
        cast(null as string) as asset,
        'low' as severity,
        cast(inputs.days_to_next_cpi as double) as metric_value,
        cast(2 as double) as threshold,
        'CPI release in ' || inputs.days_to_next_cpi || ' day(s), ' || cast(inputs.next_cpi_date as string) as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.days_to_next_cpi <= 2) and (true)
     and inputs.asset = 'BTC'

),

-- A close crossing the desk's levels (seeds/price_levels.csv, one row per level crossed in
-- int_price_level_crossings_detected): one alert per day, asset and kind of close however many
-- levels it crossed (a close moves one way, so they share a direction). threshold is the level
-- crossed nearest the close. Not risk_alert calls: a day can cross several levels.
level_crossings as (
    select * from intermediate.int_price_level_crossings_detected
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
        || ' close $' || format_number(cast(any_value(close) as double), 0)
        || case any_value(direction) when 'up' then ' crossed above ' else ' crossed below ' end
        || string_agg(format_number(cast(level as double), 0), ' and ') within group (order by level desc) as message
    from level_crossings
    group by date, asset, kind
),

fomc_near as (
    
    select
        inputs.date,
        'FOMC_NEAR' as alert_code,
        cast(null as string) as asset,
        'low' as severity,
        cast(inputs.days_to_next_fomc as double) as metric_value,
        cast(2 as double) as threshold,
        'FOMC decision in ' || inputs.days_to_next_fomc || ' day(s), ' || cast(inputs.next_fomc_date as string) as message
    from intermediate.int_risk_inputs_joined as inputs
    where (inputs.days_to_next_fomc <= 2) and (true)
     and inputs.asset = 'BTC'

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
  