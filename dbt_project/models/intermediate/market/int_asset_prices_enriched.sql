-- Daily per-asset price metrics (DESIGN §5, fct_prices_daily); every window counts rows of the
-- asset's own history and yields null until the window is full.
with prices as (
    select * from {{ ref('stg_binance__spot_klines') }}
),

rsi as (
    select * from {{ ref('int_asset_prices_rsi_computed') }}
),

sma_50w as (
    select * from {{ ref('int_asset_prices_sma50w_computed') }}
),

returns as (
    select
        *,
        close / lag(close) over by_date - 1 as return_1d,
        ln(close / lag(close) over by_date) as log_return_1d
    from prices
    window by_date as (partition by asset order by date)
),

windows as (
    select
        *,
        case when count(*) over w20 = 20 then avg(close) over w20 end as sma_20d,
        case when count(*) over w50 = 50 then avg(close) over w50 end as sma_50d,
        case when count(*) over w200 = 200 then avg(close) over w200 end as sma_200d,
        case
            when count(log_return_1d) over w30 = 30
                then stddev_samp(log_return_1d) over w30 * sqrt(365)
        end as realized_vol_30d,
        max(high) over (
            partition by asset order by date rows between unbounded preceding and current row
        ) as ath_high_to_date
    from returns
    window
        w20 as (partition by asset order by date rows between 19 preceding and current row),
        w50 as (partition by asset order by date rows between 49 preceding and current row),
        w200 as (partition by asset order by date rows between 199 preceding and current row),
        w30 as (partition by asset order by date rows between 29 preceding and current row)
),

final as (
    select
        w.asset,
        w.date,
        w.open,
        w.high,
        w.low,
        w.close,
        w.volume_usd,
        w.return_1d,
        w.log_return_1d,
        w.sma_20d,
        w.sma_50d,
        w.sma_200d,
        s.sma_50w,
        r.rsi_14,
        w.realized_vol_30d,
        w.ath_high_to_date,
        w.close / w.ath_high_to_date - 1 as drawdown_from_ath,
        w.close / s.sma_50w - 1 as distance_to_sma_50w
    from windows as w
    left join rsi as r on r.asset = w.asset and r.date = w.date
    left join sma_50w as s on s.asset = w.asset and s.date = w.date
)

select * from final
