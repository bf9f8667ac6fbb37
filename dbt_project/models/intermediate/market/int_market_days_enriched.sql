-- One row per UTC day of BTC prices: market-wide figures, with US-market values (NDX close,
-- BTC–NDX correlation) carried from the last trading day on or before the date.
-- Incremental: reads 30 days before the window (the previous day's ratio; the last US trading
-- day on or before each date).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with btc as (
    select
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
    where asset = 'BTC'
),

eth as (
    select
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
    where asset = 'ETH'
),

fear_greed as (
    select * from {{ ref('stg_alternative_me__fear_greeds') }}
    where {{ crw_reads_since('date', 30) }}
),

global_snapshots as (
    select * from {{ ref('stg_coingecko__global_snapshots') }}
    where {{ crw_reads_since('date', 30) }}
),

correlations as (
    select * from {{ ref('int_btc_ndx_correlations_computed') }}
    where {{ crw_reads_since('date', 30) }}
),

ratios as (
    select
        btc.date,
        eth.close / btc.close as eth_btc_ratio
    from btc
    left join eth on btc.date = eth.date
    where {{ crw_reads_since('btc.date', 30) }}
),

final as (
    select
        ratios.date,
        global_snapshots.total_market_cap_usd,
        global_snapshots.btc_dominance,
        fear_greed.fear_greed_value,
        fear_greed.fear_greed_classification,
        ratios.eth_btc_ratio,
        ratios.eth_btc_ratio / lag(ratios.eth_btc_ratio) over (order by ratios.date)
        - 1 as eth_btc_change_1d,
        correlations.ndx_close,
        correlations.btc_ndx_corr_30d,
        correlations.btc_ndx_corr_90d,
        correlations.date as us_trading_date
    from ratios
    left join global_snapshots on ratios.date = global_snapshots.date
    left join fear_greed on ratios.date = fear_greed.date
    {{ crw_asof_join('left', 'correlations', 'ratios.date', 'date') }}
)

select * from final
where {{ crw_keeps_window('date') }}
