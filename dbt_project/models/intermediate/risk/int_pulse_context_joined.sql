-- The desk's context for each pulse day: distance of the BTC and ETH closes to the nearest
-- levels of seeds/price_levels.csv, combined spot-ETF flows, total market cap changes and the
-- ETH/BTC ratio. One row per day of int_risk_inputs_joined (the pulse's spine).
with inputs as (
    select * from {{ ref('int_risk_inputs_joined') }}
),

levels as (
    select * from {{ ref('price_levels') }}
),

combined_flows as (
    select * from {{ ref('int_etf_flows_assets_combined') }}
),

market as (
    select * from {{ ref('int_market_days_enriched') }}
),

nearest_levels as (
    select
        inputs.date,
        inputs.asset,
        inputs.close,
        min(levels.level) filter (where levels.level > inputs.close) as nearest_level_above,
        max(levels.level) filter (where levels.level <= inputs.close) as nearest_level_below
    from inputs
    left join levels on inputs.asset = levels.asset
    group by inputs.date, inputs.asset, inputs.close
),

level_distances as (
    select
        date,
        asset,
        nearest_level_above,
        close / nearest_level_above - 1 as distance_to_level_above,
        nearest_level_below,
        close / nearest_level_below - 1 as distance_to_level_below
    from nearest_levels
),

market_caps as (
    select
        date,
        total_market_cap_usd,
        max(total_market_cap_usd) over to_date as total_market_cap_ath_usd,
        max_by(date, total_market_cap_usd) over to_date as total_market_cap_ath_date
    from market
    where total_market_cap_usd is not null
    window to_date as (order by date rows between unbounded preceding and current row)
),

market_cap_changes as (
    select
        market_caps.date,
        market_caps.total_market_cap_usd,
        market_caps.total_market_cap_usd - week_ago.total_market_cap_usd
            as total_market_cap_change_7d_usd,
        market_caps.total_market_cap_usd - month_ago.total_market_cap_usd
            as total_market_cap_change_30d_usd,
        market_caps.total_market_cap_ath_usd,
        market_caps.total_market_cap_ath_date,
        market_caps.total_market_cap_usd - market_caps.total_market_cap_ath_usd
            as total_market_cap_change_since_ath_usd,
        market_caps.total_market_cap_usd / market_caps.total_market_cap_ath_usd - 1
            as total_market_cap_drawdown_from_ath
    from market_caps
    left join market_caps as week_ago
        on market_caps.date - interval 7 day = week_ago.date
    left join market_caps as month_ago
        on market_caps.date - interval 30 day = month_ago.date
),

spine as (
    select distinct date from inputs
),

joined as (
    select
        spine.date,
        btc_levels.nearest_level_above as btc_nearest_level_above,
        btc_levels.distance_to_level_above as btc_distance_to_level_above,
        btc_levels.nearest_level_below as btc_nearest_level_below,
        btc_levels.distance_to_level_below as btc_distance_to_level_below,
        eth_levels.nearest_level_above as eth_nearest_level_above,
        eth_levels.distance_to_level_above as eth_distance_to_level_above,
        eth_levels.nearest_level_below as eth_nearest_level_below,
        eth_levels.distance_to_level_below as eth_distance_to_level_below,
        combined_flows.net_flow_usd as etf_combined_net_flow_usd,
        combined_flows.flow_5d_usd as etf_combined_flow_5d_usd,
        combined_flows.assets_reported as etf_combined_assets,
        combined_flows.date as etf_combined_flows_as_of,
        market_cap_changes.total_market_cap_usd,
        market_cap_changes.total_market_cap_change_7d_usd,
        market_cap_changes.total_market_cap_change_30d_usd,
        market_cap_changes.total_market_cap_ath_usd,
        market_cap_changes.total_market_cap_ath_date,
        market_cap_changes.total_market_cap_change_since_ath_usd,
        market_cap_changes.total_market_cap_drawdown_from_ath,
        market.eth_btc_ratio,
        market.eth_btc_change_1d
    from spine
    left join level_distances as btc_levels
        on spine.date = btc_levels.date and btc_levels.asset = 'BTC'
    left join level_distances as eth_levels
        on spine.date = eth_levels.date and eth_levels.asset = 'ETH'
    {{ crw_asof_join('left', 'combined_flows', 'spine.date', 'date') }}
    left join market_cap_changes on spine.date = market_cap_changes.date
    left join market on spine.date = market.date
),

final as (
    select * from joined
)

select * from final
