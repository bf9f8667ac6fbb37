with inputs as (
    select * from {{ ref('int_risk_inputs_joined') }}
),

alerts as (
    select * from {{ ref('int_risk_alerts_evaluated') }}
),

context as (
    select * from {{ ref('int_pulse_context_joined') }}
),

scores as (
    select * from {{ ref('int_risk_scores_computed') }}
),

btc as (
    select * from inputs
    where asset = 'BTC'
),

eth as (
    select * from inputs
    where asset = 'ETH'
),

alert_summary as (
    select
        date,
        count(*) as active_alerts,
        count(*) filter (where severity = 'high') as high_alerts,
        {{ crw_string_agg(
            "alert_code || coalesce(':' || asset, '')", "', '", 'alert_code, asset'
        ) }}
            as alert_codes
    from alerts
    group by date
),

pulse as (
    select
        btc.date,
        btc.close as btc_close,
        btc.drawdown_from_ath as btc_drawdown_from_ath,
        btc.sma_50w as btc_sma_50w,
        btc.distance_to_sma_50w as btc_distance_to_sma_50w,
        btc.rsi_14 as btc_rsi_14,
        eth.close as eth_close,
        eth.drawdown_from_ath as eth_drawdown_from_ath,
        eth.distance_to_sma_50w as eth_distance_to_sma_50w,
        eth.rsi_14 as eth_rsi_14,
        btc.prices_as_of,
        cast(btc.etf_net_flow_usd as double) as btc_etf_net_flow_usd,
        cast(btc.etf_flow_5d_usd as double) as btc_etf_flow_5d_usd,
        btc.etf_outflow_streak_days as btc_etf_outflow_streak_days,
        btc.etf_inflow_streak_days as btc_etf_inflow_streak_days,
        btc.etf_largest_outflow_ticker as btc_etf_largest_outflow_ticker,
        cast(eth.etf_net_flow_usd as double) as eth_etf_net_flow_usd,
        eth.etf_outflow_streak_days as eth_etf_outflow_streak_days,
        eth.etf_inflow_streak_days as eth_etf_inflow_streak_days,
        btc.etf_flows_as_of,
        eth.etf_flows_as_of as eth_etf_flows_as_of,
        cast(
            coalesce(btc.liquidations_long_usd, 0)
            + coalesce(eth.liquidations_long_usd, 0) as double
        ) as liquidations_long_usd,
        cast(
            coalesce(btc.liquidations_short_usd, 0)
            + coalesce(eth.liquidations_short_usd, 0) as double
        ) as liquidations_short_usd,
        btc.open_interest_usd as btc_open_interest_usd,
        btc.oi_change_1d as btc_oi_change_1d,
        eth.oi_change_1d as eth_oi_change_1d,
        btc.funding_rate_annualized as btc_funding_rate_annualized,
        eth.funding_rate_annualized as eth_funding_rate_annualized,
        btc.basis_annualized_front_quarter as btc_basis_annualized_front_quarter,
        eth.basis_annualized_front_quarter as eth_basis_annualized_front_quarter,
        btc.atm_iv_7d as btc_atm_iv_7d,
        btc.atm_iv_30d as btc_atm_iv_30d,
        btc.is_iv_backwardated as btc_is_iv_backwardated,
        btc.derivatives_as_of,
        btc.fear_greed_value,
        btc.fear_greed_classification,
        btc.fear_greed_as_of,
        btc.btc_ndx_corr_30d,
        btc.btc_ndx_corr_90d,
        btc.ndx_as_of,
        btc.days_to_next_cpi,
        btc.next_cpi_date,
        btc.days_to_next_fomc,
        btc.next_fomc_date,
        btc.next_macro_event_type,
        btc.next_macro_event_date,
        cast(btc.etf_largest_outflow_usd as double) as btc_etf_largest_outflow_usd,
        eth.etf_largest_outflow_ticker as eth_etf_largest_outflow_ticker,
        cast(eth.etf_largest_outflow_usd as double) as eth_etf_largest_outflow_usd,
        context.etf_combined_net_flow_usd,
        context.etf_combined_flow_5d_usd,
        context.etf_combined_assets,
        context.etf_combined_flows_as_of,
        context.btc_nearest_level_above,
        context.btc_distance_to_level_above,
        context.btc_nearest_level_below,
        context.btc_distance_to_level_below,
        context.eth_nearest_level_above,
        context.eth_distance_to_level_above,
        context.eth_nearest_level_below,
        context.eth_distance_to_level_below,
        context.total_market_cap_usd,
        context.total_market_cap_change_7d_usd,
        context.total_market_cap_change_30d_usd,
        context.total_market_cap_ath_usd,
        context.total_market_cap_ath_date,
        context.total_market_cap_change_since_ath_usd,
        context.total_market_cap_drawdown_from_ath,
        context.eth_btc_ratio,
        context.eth_btc_change_1d,
        nullif(concat_ws(
            ', ',
            -- per coin, so the reader knows which figure to distrust
            case when btc.is_prices_stale then 'prices:BTC' end,
            case when eth.is_prices_stale then 'prices:ETH' end,
            case when btc.is_etf_flows_stale then 'etf_flows:BTC' end,
            -- ETH ETFs only exist from 2024-07-23: before that ETH has no flows to be stale
            case
                when eth.etf_flows_as_of is not null and eth.is_etf_flows_stale
                    then 'etf_flows:ETH'
            end,
            case when btc.is_derivatives_stale then 'derivatives:BTC' end,
            case when eth.is_derivatives_stale then 'derivatives:ETH' end,
            case when btc.is_fear_greed_stale then 'fear_greed' end,
            case when btc.is_ndx_stale then 'ndx' end,
            case when btc.is_macro_missing then 'macro_calendar' end
        ), '') as stale_inputs
    from btc
    inner join eth on btc.date = eth.date
    left join context on btc.date = context.date
),

final as (
    select
        pulse.*,
        case
            when pulse.liquidations_long_usd + pulse.liquidations_short_usd > 0
                then
                    pulse.liquidations_long_usd
                    / (pulse.liquidations_long_usd + pulse.liquidations_short_usd)
        end as liquidations_long_share,
        pulse.liquidations_long_usd + pulse.liquidations_short_usd as liquidations_total_usd,
        cast(coalesce(alert_summary.active_alerts, 0) as integer) as active_alerts,
        cast(coalesce(alert_summary.high_alerts, 0) as integer) as high_alerts,
        alert_summary.alert_codes,
        scores.alert_points,
        scores.risk_score,
        scores.risk_regime
    from pulse
    left join alert_summary on pulse.date = alert_summary.date
    left join scores on pulse.date = scores.date
)

select * from final
