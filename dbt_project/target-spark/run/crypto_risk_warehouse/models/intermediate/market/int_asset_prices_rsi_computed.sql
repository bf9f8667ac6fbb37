
  
    
        create table intermediate.int_asset_prices_rsi_computed
      
      
      
      
      
      
      
      

      as
      

with prices as (
    select
        asset,
        date,
        close
    from staging.stg_binance__spot_klines
    where true
),

-- Per asset, the last row before the window (an incremental run; none in a full rebuild).
last_before as (
    select
        cast(null as string) as asset,
        cast(null as date) as date,
        cast(null as bigint) as day_number
    where false
),

-- The rows carried from this table: each asset's last row, or all of them while it has fewer
-- than 15 (not yet seeded).
carried as (
    select
        cast(null as string) as asset,
        cast(null as date) as date,
        cast(null as double) as close,
        cast(null as bigint) as day_number,
        cast(null as double) as avg_gain,
        cast(null as double) as avg_loss
    where false
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
where true
  