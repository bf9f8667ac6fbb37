
  
    
        create table marts.fct_market_pulse_daily_v1
      
      
      
      
      
      
      
      

      as
      -- Version 1 (deprecated, see the YAML): version 2 with the 1-day open-interest changes under
-- their old names, btc_oi_change_pct_1d and eth_oi_change_pct_1d, although they hold fractions.
with latest as (
    select * from marts.fct_market_pulse_daily
),

final as (
    select
        date,
        btc_close,
        btc_drawdown_from_ath,
        btc_sma_50w,
        btc_distance_to_sma_50w,
        btc_rsi_14,
        eth_close,
        eth_drawdown_from_ath,
        eth_distance_to_sma_50w,
        eth_rsi_14,
        prices_as_of,
        btc_etf_net_flow_usd,
        btc_etf_flow_5d_usd,
        btc_etf_outflow_streak_days,
        btc_etf_inflow_streak_days,
        btc_etf_largest_outflow_ticker,
        eth_etf_net_flow_usd,
        eth_etf_outflow_streak_days,
        eth_etf_inflow_streak_days,
        etf_flows_as_of,
        eth_etf_flows_as_of,
        liquidations_long_usd,
        liquidations_short_usd,
        btc_open_interest_usd,
        btc_funding_rate_annualized,
        eth_funding_rate_annualized,
        btc_basis_annualized_front_quarter,
        eth_basis_annualized_front_quarter,
        btc_atm_iv_7d,
        btc_atm_iv_30d,
        btc_is_iv_backwardated,
        derivatives_as_of,
        fear_greed_value,
        fear_greed_classification,
        fear_greed_as_of,
        btc_ndx_corr_30d,
        btc_ndx_corr_90d,
        ndx_as_of,
        days_to_next_cpi,
        next_cpi_date,
        days_to_next_fomc,
        next_fomc_date,
        next_macro_event_type,
        next_macro_event_date,
        -- v1 names inputs, not coins: prices:BTC, prices:ETH -> prices
        replace(
            replace(
                replace(
                    replace(
                        replace(stale_inputs, 'prices:BTC, prices:ETH', 'prices'),
                        'etf_flows:BTC, etf_flows:ETH', 'etf_flows'
                    ),
                    'derivatives:BTC, derivatives:ETH', 'derivatives'
                ),
                ':BTC', ''
            ),
            ':ETH', ''
        ) as stale_inputs,
        liquidations_long_share,
        liquidations_total_usd,
        active_alerts,
        high_alerts,
        alert_codes,
        risk_score,
        risk_regime,
        btc_oi_change_1d as btc_oi_change_pct_1d,
        eth_oi_change_1d as eth_oi_change_pct_1d
    from latest
)

select * from final
  