
    
      
    

    create  table
      "warehouse"."marts"."fct_market_pulse_daily_v1__dbt_tmp"
  
  (
    date date not null,
    btc_close double,
    btc_drawdown_from_ath double,
    btc_sma_50w double,
    btc_distance_to_sma_50w double,
    btc_rsi_14 double,
    eth_close double,
    eth_drawdown_from_ath double,
    eth_distance_to_sma_50w double,
    eth_rsi_14 double,
    prices_as_of date,
    btc_etf_net_flow_usd double,
    btc_etf_flow_5d_usd double,
    btc_etf_outflow_streak_days integer,
    btc_etf_inflow_streak_days integer,
    btc_etf_largest_outflow_ticker varchar,
    eth_etf_net_flow_usd double,
    eth_etf_outflow_streak_days integer,
    eth_etf_inflow_streak_days integer,
    etf_flows_as_of date,
    eth_etf_flows_as_of date,
    liquidations_long_usd double,
    liquidations_short_usd double,
    btc_open_interest_usd double,
    btc_funding_rate_annualized double,
    eth_funding_rate_annualized double,
    btc_basis_annualized_front_quarter double,
    eth_basis_annualized_front_quarter double,
    btc_atm_iv_7d double,
    btc_atm_iv_30d double,
    btc_is_iv_backwardated boolean,
    derivatives_as_of date,
    fear_greed_value integer,
    fear_greed_classification varchar,
    fear_greed_as_of date,
    btc_ndx_corr_30d double,
    btc_ndx_corr_90d double,
    ndx_as_of date,
    days_to_next_cpi bigint,
    next_cpi_date date,
    days_to_next_fomc bigint,
    next_fomc_date date,
    next_macro_event_type varchar,
    next_macro_event_date date,
    liquidations_long_share double,
    liquidations_total_usd double,
    active_alerts integer,
    high_alerts integer,
    alert_codes varchar,
    risk_score integer not null,
    risk_regime varchar not null,
    stale_inputs varchar,
    btc_oi_change_pct_1d double,
    eth_oi_change_pct_1d double
    
    )
 ;
    
    
    insert into "warehouse"."marts"."fct_market_pulse_daily_v1__dbt_tmp" 
  (
    
      
      
      date ,
    
      
      
      btc_close ,
    
      
      
      btc_drawdown_from_ath ,
    
      
      
      btc_sma_50w ,
    
      
      
      btc_distance_to_sma_50w ,
    
      
      
      btc_rsi_14 ,
    
      
      
      eth_close ,
    
      
      
      eth_drawdown_from_ath ,
    
      
      
      eth_distance_to_sma_50w ,
    
      
      
      eth_rsi_14 ,
    
      
      
      prices_as_of ,
    
      
      
      btc_etf_net_flow_usd ,
    
      
      
      btc_etf_flow_5d_usd ,
    
      
      
      btc_etf_outflow_streak_days ,
    
      
      
      btc_etf_inflow_streak_days ,
    
      
      
      btc_etf_largest_outflow_ticker ,
    
      
      
      eth_etf_net_flow_usd ,
    
      
      
      eth_etf_outflow_streak_days ,
    
      
      
      eth_etf_inflow_streak_days ,
    
      
      
      etf_flows_as_of ,
    
      
      
      eth_etf_flows_as_of ,
    
      
      
      liquidations_long_usd ,
    
      
      
      liquidations_short_usd ,
    
      
      
      btc_open_interest_usd ,
    
      
      
      btc_funding_rate_annualized ,
    
      
      
      eth_funding_rate_annualized ,
    
      
      
      btc_basis_annualized_front_quarter ,
    
      
      
      eth_basis_annualized_front_quarter ,
    
      
      
      btc_atm_iv_7d ,
    
      
      
      btc_atm_iv_30d ,
    
      
      
      btc_is_iv_backwardated ,
    
      
      
      derivatives_as_of ,
    
      
      
      fear_greed_value ,
    
      
      
      fear_greed_classification ,
    
      
      
      fear_greed_as_of ,
    
      
      
      btc_ndx_corr_30d ,
    
      
      
      btc_ndx_corr_90d ,
    
      
      
      ndx_as_of ,
    
      
      
      days_to_next_cpi ,
    
      
      
      next_cpi_date ,
    
      
      
      days_to_next_fomc ,
    
      
      
      next_fomc_date ,
    
      
      
      next_macro_event_type ,
    
      
      
      next_macro_event_date ,
    
      
      
      liquidations_long_share ,
    
      
      
      liquidations_total_usd ,
    
      
      
      active_alerts ,
    
      
      
      high_alerts ,
    
      
      
      alert_codes ,
    
      
      
      risk_score ,
    
      
      
      risk_regime ,
    
      
      
      stale_inputs ,
    
      
      
      btc_oi_change_pct_1d ,
    
      
      
      eth_oi_change_pct_1d 
    
  )
 (
      
    select date, btc_close, btc_drawdown_from_ath, btc_sma_50w, btc_distance_to_sma_50w, btc_rsi_14, eth_close, eth_drawdown_from_ath, eth_distance_to_sma_50w, eth_rsi_14, prices_as_of, btc_etf_net_flow_usd, btc_etf_flow_5d_usd, btc_etf_outflow_streak_days, btc_etf_inflow_streak_days, btc_etf_largest_outflow_ticker, eth_etf_net_flow_usd, eth_etf_outflow_streak_days, eth_etf_inflow_streak_days, etf_flows_as_of, eth_etf_flows_as_of, liquidations_long_usd, liquidations_short_usd, btc_open_interest_usd, btc_funding_rate_annualized, eth_funding_rate_annualized, btc_basis_annualized_front_quarter, eth_basis_annualized_front_quarter, btc_atm_iv_7d, btc_atm_iv_30d, btc_is_iv_backwardated, derivatives_as_of, fear_greed_value, fear_greed_classification, fear_greed_as_of, btc_ndx_corr_30d, btc_ndx_corr_90d, ndx_as_of, days_to_next_cpi, next_cpi_date, days_to_next_fomc, next_fomc_date, next_macro_event_type, next_macro_event_date, liquidations_long_share, liquidations_total_usd, active_alerts, high_alerts, alert_codes, risk_score, risk_regime, stale_inputs, btc_oi_change_pct_1d, eth_oi_change_pct_1d
    from (
        -- Version 1 (deprecated, see the YAML): version 2 with the 1-day open-interest changes under
-- their old names, btc_oi_change_pct_1d and eth_oi_change_pct_1d, although they hold fractions.
with latest as (
    select * from "warehouse"."marts"."fct_market_pulse_daily"
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
    ) as model_subq
    );
  