-- BTC–Nasdaq-100 correlation on US trading days (dates with a NASDAQ100 value): NDX log returns
-- against BTC log returns between the same consecutive trading dates (BTC close sampled on those
-- dates), Pearson over the last 30 / 90 such returns; null until the window is full.
-- Incremental: reads 400 days before the window (91 trading days are ~130 calendar days).
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with ndx as (
    select
        date,
        value as ndx_close
    from {{ ref('stg_fred__observations') }}
    where series_id = 'NASDAQ100'
),

btc as (
    select
        date,
        close as btc_close
    from {{ ref('stg_binance__spot_klines') }}
    where asset = 'BTC'
),

trading_days as (
    select
        ndx.date,
        ndx.ndx_close,
        btc.btc_close
    from ndx
    inner join btc on ndx.date = btc.date
    where {{ crw_reads_since('ndx.date', 400) }}
),

returns as (
    select
        date,
        ndx_close,
        ln(ndx_close / lag(ndx_close) over (order by date)) as ndx_log_return,
        ln(btc_close / lag(btc_close) over (order by date)) as btc_log_return
    from trading_days
),

final as (
    select
        date,
        ndx_close,
        ndx_log_return,
        btc_log_return,
        case
            when
                count(ndx_log_return) over last_30_returns = 30
                then corr(btc_log_return, ndx_log_return) over last_30_returns
        end as btc_ndx_corr_30d,
        case
            when
                count(ndx_log_return) over last_90_returns = 90
                then corr(btc_log_return, ndx_log_return) over last_90_returns
        end as btc_ndx_corr_90d
    from returns
    window
        last_30_returns as (order by date rows between 29 preceding and current row),
        last_90_returns as (order by date rows between 89 preceding and current row)
)

select * from final
where {{ crw_keeps_window('date') }}
