-- Daily market metrics lined up around each released macro event, from T-2 to T+2 calendar days
-- (T = the event's scheduled date, a US Eastern day; CPI at 08:30 ET and FOMC at 14:00 ET both
-- fall inside the same UTC day). btc_return_since_t_minus_1 compares each day's BTC close with
-- the close of T-1, the last close before the event.
with events as (
    select * from {{ ref('int_macro_events_enriched') }}
    where status = 'released'
),

btc as (
    select
        date,
        close,
        return_1d
    from {{ ref('int_asset_prices_enriched') }}
    where asset = 'BTC'
),

market_days as (
    select
        date,
        fear_greed_value
    from {{ ref('int_market_days_enriched') }}
),

offsets as (
    select day_offsets.offset_days
    from (values (-2), (-1), (0), (1), (2)) as day_offsets (offset_days)
),

windows as (
    select
        events.event_id,
        events.event_type,
        events.scheduled_date as event_date,
        cast(offsets.offset_days as integer) as offset_days,
        events.scheduled_date + cast(offsets.offset_days as integer) as date
    from events
    cross join offsets
),

final as (
    select
        windows.event_id,
        windows.event_type,
        windows.event_date,
        windows.offset_days,
        windows.date,
        btc.close as btc_close,
        btc.return_1d as btc_return_1d,
        btc.close / btc_t_minus_1.close - 1 as btc_return_since_t_minus_1,
        market_days.fear_greed_value
    from windows
    left join btc on windows.date = btc.date
    left join btc as btc_t_minus_1 on windows.event_date - 1 = btc_t_minus_1.date
    left join market_days on windows.date = market_days.date
)

select * from final
