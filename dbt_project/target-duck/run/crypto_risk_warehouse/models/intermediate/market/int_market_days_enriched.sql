
    

    create  table
      "warehouse"."intermediate"."int_market_days_enriched__dbt_tmp"
  
    
    as (
      -- One row per UTC day of BTC prices: market-wide figures, with US-market values (NDX close,
-- BTC–NDX correlation) carried from the last trading day on or before the date.
-- Incremental: reads 30 days before the window (the previous day's ratio; the last US trading
-- day on or before each date).


with btc as (
    select
        date,
        close
    from "warehouse"."staging"."stg_binance__spot_klines"
    where asset = 'BTC'
),

eth as (
    select
        date,
        close
    from "warehouse"."staging"."stg_binance__spot_klines"
    where asset = 'ETH'
),

fear_greed as (
    select * from "warehouse"."staging"."stg_alternative_me__fear_greeds"
    where true
),

global_snapshots as (
    select * from "warehouse"."staging"."stg_coingecko__global_snapshots"
    where true
),

correlations as (
    select * from "warehouse"."intermediate"."int_btc_ndx_correlations_computed"
    where true
),

ratios as (
    select
        btc.date,
        eth.close / btc.close as eth_btc_ratio
    from btc
    left join eth on btc.date = eth.date
    where true
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
    asof left join correlations
        on
            ratios.date >= correlations.date
)

select * from final
where true
    );
    
  
  