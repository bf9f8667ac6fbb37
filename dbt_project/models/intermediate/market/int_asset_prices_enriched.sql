-- Daily per-asset price metrics (defined in fct_prices_daily's YAML); every window counts rows
-- of the asset's own history and yields null until the window is full.
-- Incremental: reads 400 days before the window (the longest window is 200 rows; twice that
-- leaves room for missing days); the all-time high is carried from this table's rows before
-- the window.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with prices as (
    select * from {{ ref('stg_binance__spot_klines') }}
    where {{ crw_reads_since('date', 400) }}
),

rsi as (
    select * from {{ ref('int_asset_prices_rsi_computed') }}
    where {{ crw_keeps_window('date') }}
),

sma_50w as (
    select * from {{ ref('int_asset_prices_sma50w_computed') }}
    where {{ crw_keeps_window('date') }}
),

{% if is_incremental() %}
ath_before as (
    select
        asset,
        max(ath_high_to_date) as ath_high
    from {{ this }}
    where date < {{ crw_from_date() }}
    group by asset
),
{% endif %}

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
        case when count(*) over last_20_days = 20 then avg(close) over last_20_days end as sma_20d,
        case when count(*) over last_50_days = 50 then avg(close) over last_50_days end as sma_50d,
        case when count(*) over last_200_days = 200 then avg(close) over last_200_days end
            as sma_200d,
        case
            when count(log_return_1d) over last_30_days = 30
                then stddev_samp(log_return_1d) over last_30_days * sqrt(365)
        end as realized_vol_30d,
        max(high) over (
            partition by asset order by date rows between unbounded preceding and current row
        ) as ath_high_in_read
    from returns
    window
        last_20_days as (
            partition by asset order by date rows between 19 preceding and current row
        ),
        last_50_days as (
            partition by asset order by date rows between 49 preceding and current row
        ),
        last_200_days as (
            partition by asset order by date rows between 199 preceding and current row
        ),
        last_30_days as (partition by asset order by date rows between 29 preceding and current row)
),

with_ath as (
    select
        windows.*,
        {% if is_incremental() -%}
        coalesce(
            greatest(windows.ath_high_in_read, ath_before.ath_high), windows.ath_high_in_read
        ) as ath_high_to_date
        {%- else -%}
        windows.ath_high_in_read as ath_high_to_date
        {%- endif %}
    from windows
    {% if is_incremental() -%}
    left join ath_before on windows.asset = ath_before.asset
    {%- endif %}
),

final as (
    select
        windows.asset,
        windows.date,
        windows.open,
        windows.high,
        windows.low,
        windows.close,
        windows.volume_usd,
        windows.return_1d,
        windows.log_return_1d,
        windows.sma_20d,
        windows.sma_50d,
        windows.sma_200d,
        sma_50w.sma_50w,
        rsi.rsi_14,
        windows.realized_vol_30d,
        windows.ath_high_to_date,
        windows.close / windows.ath_high_to_date - 1 as drawdown_from_ath,
        windows.close / sma_50w.sma_50w - 1 as distance_to_sma_50w
    from with_ath as windows
    left join rsi on windows.asset = rsi.asset and windows.date = rsi.date
    left join sma_50w on windows.asset = sma_50w.asset and windows.date = sma_50w.date
    where {{ crw_keeps_window('windows.date') }}
)

select * from final
