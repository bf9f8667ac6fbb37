{#- Wilder's RSI(14), TA-Lib convention: the first average gain/loss is the simple mean of the
    first 14 close-to-close changes of the asset's history (the seed, on its 15th row); after
    that each average is smoothed with alpha 1/14: avg_n = (avg_{n-1} * 13 + x_n) / 14.
    Linear in rows, no recursion: from an anchor row m with average A (the seed, or in an
    incremental run the last row before the window, carried from this table),
        avg_n = a^(n-m) * (A + 1/14 * sum over k in m+1..n of a^(m-k) * x_k),   a = 13/14,
    one running sum per asset. The scaled terms reach 1e308 after ~9,500 rows from the anchor
    (26 years of daily closes in a full rebuild; an incremental run anchors at its window).
    Incremental: only the window's closes are read, plus from this table the last row before
    the window per asset (close, row number, averages), or all its rows while the asset has
    fewer than 15 (not yet seeded). -#}
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with prices as (
    select
        asset,
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
    where {{ crw_reads_since('date', 0) }}
),

-- Per asset, the last row before the window (an incremental run; none in a full rebuild).
last_before as (
    {% if is_incremental() -%}
    select
        asset,
        max(date) as date,
        max(day_number) as day_number
    from {{ this }}
    where date < {{ crw_from_date() }}
    group by asset
    {%- else -%}
    select
        cast(null as string) as asset,
        cast(null as date) as date,
        cast(null as bigint) as day_number
    where false
    {%- endif %}
),

-- The rows carried from this table: each asset's last row, or all of them while it has fewer
-- than 15 (not yet seeded).
carried as (
    {% if is_incremental() -%}
    select
        previous_rows.asset,
        previous_rows.date,
        previous_rows.close,
        previous_rows.day_number,
        previous_rows.avg_gain,
        previous_rows.avg_loss
    from {{ this }} as previous_rows
    inner join last_before
        on
            previous_rows.asset = last_before.asset
            and (previous_rows.date = last_before.date or last_before.day_number < 15)
    where previous_rows.date < {{ crw_from_date() }}
    {%- else -%}
    select
        cast(null as string) as asset,
        cast(null as date) as date,
        cast(null as double) as close,
        cast(null as bigint) as day_number,
        cast(null as double) as avg_gain,
        cast(null as double) as avg_loss
    where false
    {%- endif %}
),

series as (
    select
        prices.asset,
        prices.date,
        prices.close,
        coalesce(last_before.day_number, 0)
        + row_number() over (partition by prices.asset order by prices.date) as day_number
    from prices
    left join last_before on prices.asset = last_before.asset
    union all
    select
        asset,
        date,
        close,
        day_number
    from carried
),

changes as (
    select
        asset,
        date,
        day_number,
        greatest(close - (lag(close) over by_day), 0) as gain,
        greatest((lag(close) over by_day) - close, 0) as loss
    from series
    window by_day as (partition by asset order by day_number)
),

seeds as (
    -- rows 2..15 hold the first 14 changes; the seed sits on row 15
    select
        asset,
        15 as anchor_day,
        avg(gain) as anchor_gain,
        avg(loss) as anchor_loss
    from changes
    where day_number between 2 and 15
    group by asset
    having count(*) = 14
),

anchors as (
    select
        asset,
        day_number as anchor_day,
        avg_gain as anchor_gain,
        avg_loss as anchor_loss
    from carried
    where day_number >= 15
    union all
    select
        asset,
        anchor_day,
        anchor_gain,
        anchor_loss
    from seeds
    where asset not in (
        select carried.asset from carried
        where carried.day_number >= 15
    )
),

weighted as (
    select
        changes.asset,
        changes.date,
        changes.day_number,
        anchors.anchor_gain,
        anchors.anchor_loss,
        changes.day_number - anchors.anchor_day as steps,
        case
            when changes.day_number > anchors.anchor_day
                then pow(13e0 / 14, anchors.anchor_day - changes.day_number) * changes.gain
            else 0
        end as scaled_gain,
        case
            when changes.day_number > anchors.anchor_day
                then pow(13e0 / 14, anchors.anchor_day - changes.day_number) * changes.loss
            else 0
        end as scaled_loss
    from changes
    inner join anchors on changes.asset = anchors.asset
    where changes.day_number >= anchors.anchor_day
),

smoothed as (
    select
        asset,
        day_number,
        pow(13e0 / 14, steps) * (anchor_gain + sum(scaled_gain) over running / 14) as avg_gain,
        pow(13e0 / 14, steps) * (anchor_loss + sum(scaled_loss) over running / 14) as avg_loss
    from weighted
    window running as (partition by asset order by day_number rows unbounded preceding)
),

final as (
    select
        series.asset,
        series.date,
        series.day_number,
        series.close,
        smoothed.avg_gain,
        smoothed.avg_loss,
        case
            when smoothed.avg_loss = 0 and smoothed.avg_gain = 0 then 50e0
            when smoothed.avg_loss = 0 then 100e0
            else 100 - 100 / (1 + smoothed.avg_gain / smoothed.avg_loss)
        end as rsi_14
    from series
    left join
        smoothed
        on series.asset = smoothed.asset and series.day_number = smoothed.day_number
)

select * from final
where {{ crw_keeps_window('date') }}
