-- Wilder's RSI(14), TA-Lib convention: the first average gain/loss is the simple mean of the
-- first 14 close-to-close changes of the asset's history; after that each average is smoothed
-- with alpha 1/14: avg_t = (avg_{t-1} * 13 + x_t) / 14.
with recursive prices as (
    select
        asset,
        date,
        close
    from {{ ref('stg_binance__spot_klines') }}
),

changes as (
    select
        asset,
        date,
        row_number() over (partition by asset order by date) as day_number,
        greatest(close - lag(close) over (partition by asset order by date), 0) as gain,
        greatest(lag(close) over (partition by asset order by date) - close, 0) as loss
    from prices
),

seeds as (
    -- rows 2..15 hold the first 14 changes; the seed sits on row 15
    select
        asset,
        15 as day_number,
        avg(gain) as avg_gain,
        avg(loss) as avg_loss
    from changes
    where day_number between 2 and 15
    group by asset
    having count(*) = 14
),

smoothed (asset, day_number, avg_gain, avg_loss) as (
    select
        asset,
        day_number,
        avg_gain,
        avg_loss
    from seeds
    union all
    select
        changes.asset,
        changes.day_number,
        (smoothed.avg_gain * 13 + changes.gain) / 14,
        (smoothed.avg_loss * 13 + changes.loss) / 14
    from smoothed
    inner join
        changes
        on smoothed.asset = changes.asset and changes.day_number = smoothed.day_number + 1
),

final as (
    select
        changes.asset,
        changes.date,
        case
            when smoothed.avg_loss = 0 and smoothed.avg_gain = 0 then 50.0
            when smoothed.avg_loss = 0 then 100.0
            else 100 - 100 / (1 + smoothed.avg_gain / smoothed.avg_loss)
        end as rsi_14
    from changes
    left join
        smoothed
        on changes.asset = smoothed.asset and changes.day_number = smoothed.day_number
)

select * from final
