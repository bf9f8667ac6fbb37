-- Daily market metrics lined up around each released macro event, from T-2 to T+2 calendar days
-- (T = the event's scheduled date, a US Eastern day; CPI at 08:30 ET and FOMC at 14:00 ET both
-- fall inside the same UTC day). btc_return_since_t_minus_1 compares each day's BTC close with
-- the close of T-1, the last close before the event.
with events as (
    select * from {{ ref('int_macro_events_enriched') }}
    where status = 'released'
),

btc as (
    select date, close, return_1d from {{ ref('int_asset_prices_enriched') }} where asset = 'BTC'
),

market_days as (
    select date, fear_greed_value from {{ ref('int_market_days_enriched') }}
),

offsets as (
    select unnest(range(-2, 3)) as offset_days
),

windows as (
    select
        e.event_id,
        e.event_type,
        e.scheduled_date as event_date,
        cast(o.offset_days as integer) as offset_days,
        e.scheduled_date + cast(o.offset_days as integer) as date
    from events as e
    cross join offsets as o
),

final as (
    select
        w.event_id,
        w.event_type,
        w.event_date,
        w.offset_days,
        w.date,
        b.close as btc_close,
        b.return_1d as btc_return_1d,
        b.close / pre.close - 1 as btc_return_since_t_minus_1,
        m.fear_greed_value
    from windows as w
    left join btc as b on w.date = b.date
    left join btc as pre on w.event_date - 1 = pre.date
    left join market_days as m on w.date = m.date
)

select * from final
