-- Wilder's RSI(14), TA-Lib convention: the first average gain/loss is the simple mean of the
-- first 14 close-to-close changes of the asset's history; after that each average is smoothed
-- with alpha 1/14: avg_t = (avg_{t-1} * 13 + x_t) / 14.
with recursive prices as (
    select asset, date, close from {{ ref('stg_binance__spot_klines') }}
),

changes as (
    select
        asset,
        date,
        row_number() over (partition by asset order by date) as n,
        greatest(close - lag(close) over (partition by asset order by date), 0) as gain,
        greatest(lag(close) over (partition by asset order by date) - close, 0) as loss
    from prices
),

seeds as (
    -- rows 2..15 hold the first 14 changes; the seed sits on row 15
    select asset, 15 as n, avg(gain) as avg_gain, avg(loss) as avg_loss
    from changes
    where n between 2 and 15
    group by asset
    having count(*) = 14
),

smoothed (asset, n, avg_gain, avg_loss) as (
    select asset, n, avg_gain, avg_loss from seeds
    union all
    select
        c.asset,
        c.n,
        (s.avg_gain * 13 + c.gain) / 14,
        (s.avg_loss * 13 + c.loss) / 14
    from smoothed as s
    inner join changes as c on c.asset = s.asset and c.n = s.n + 1
),

final as (
    select
        c.asset,
        c.date,
        case
            when s.avg_loss = 0 and s.avg_gain = 0 then 50.0
            when s.avg_loss = 0 then 100.0
            else 100 - 100 / (1 + s.avg_gain / s.avg_loss)
        end as rsi_14
    from changes as c
    left join smoothed as s on s.asset = c.asset and s.n = c.n
)

select * from final
