-- One row per UTC day of BTC prices: market-wide figures, with US-market values (NDX close,
-- BTC–NDX correlation) carried from the last trading day on or before the date.
with btc as (
    select date, close from {{ ref('stg_binance__spot_klines') }} where asset = 'BTC'
),

eth as (
    select date, close from {{ ref('stg_binance__spot_klines') }} where asset = 'ETH'
),

fear_greed as (
    select * from {{ ref('stg_alternative_me__fear_greeds') }}
),

global_snapshots as (
    select * from {{ ref('stg_coingecko__global_snapshots') }}
),

correlations as (
    select * from {{ ref('int_btc_ndx_correlations_computed') }}
),

ratios as (
    select
        btc.date,
        eth.close / btc.close as eth_btc_ratio
    from btc
    left join eth on eth.date = btc.date
),

final as (
    select
        r.date,
        g.total_market_cap_usd,
        g.btc_dominance,
        f.fear_greed_value,
        f.fear_greed_classification,
        r.eth_btc_ratio,
        r.eth_btc_ratio / lag(r.eth_btc_ratio) over (order by r.date) - 1 as eth_btc_change_1d,
        c.ndx_close,
        c.btc_ndx_corr_30d,
        c.btc_ndx_corr_90d,
        c.date as us_trading_date
    from ratios as r
    left join global_snapshots as g on g.date = r.date
    left join fear_greed as f on f.date = r.date
    asof left join correlations as c on r.date >= c.date
)

select * from final
