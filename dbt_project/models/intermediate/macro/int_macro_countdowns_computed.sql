-- One row per calendar day from the first calendar snapshot to the last one plus a horizon
-- (var crw_macro_countdown_horizon_days, default 60): days to the next CPI release, the next
-- FOMC decision and the next macro event of any type, *as known on that day* (from each
-- source's latest snapshot taken on or before the day, so no look-ahead: on 2025-10-09 the
-- September CPI was still due 2025-10-15). "Next" is the first non-cancelled event with
-- scheduled_date >= date, so an event day itself counts 0. Ties on a day go to the earlier
-- instant, then event type. Null when no such event is known.
with snapshots as (
    select * from {{ ref('int_macro_event_snapshots_unioned') }}
),

source_snapshot_days as (
    select distinct source, snapshot_date from snapshots
),

sources as (
    select distinct source from source_snapshot_days
),

days as (
    select cast(unnest(generate_series(
        min(snapshot_date),
        max(snapshot_date) + {{ var('crw_macro_countdown_horizon_days', 60) }},
        interval 1 day
    )) as date) as date
    from source_snapshot_days
),

known_snapshots as (
    select d.date, src.source, s.snapshot_date
    from days as d
    cross join sources as src
    asof inner join source_snapshot_days as s
        on s.source = src.source and s.snapshot_date <= d.date
),

upcoming as (
    select
        k.date,
        e.event_id,
        e.event_type,
        e.scheduled_date,
        e.scheduled_at_utc
    from known_snapshots as k
    inner join snapshots as e
        on e.source = k.source and e.snapshot_date = k.snapshot_date
    where not e.is_cancelled and e.scheduled_date >= k.date
),

next_by_type as (
    select
        date,
        min(scheduled_date) filter (where event_type = 'CPI') as next_cpi_date,
        min(scheduled_date) filter (where event_type = 'FOMC_DECISION') as next_fomc_date,
        min(scheduled_date) filter (where event_type = 'EMPLOYMENT') as next_employment_date
    from upcoming
    group by date
),

next_any as (
    select date, event_id, event_type, scheduled_date
    from upcoming
    qualify row_number() over (
        partition by date order by scheduled_date, scheduled_at_utc nulls last, event_type, event_id
    ) = 1
),

snapshot_days as (
    select
        date,
        max(snapshot_date) filter (where source = 'bls') as bls_snapshot_date,
        max(snapshot_date) filter (where source = 'fed') as fed_snapshot_date
    from known_snapshots
    group by date
),

final as (
    select
        d.date,
        date_diff('day', d.date, t.next_cpi_date) as days_to_next_cpi,
        t.next_cpi_date,
        date_diff('day', d.date, t.next_fomc_date) as days_to_next_fomc,
        t.next_fomc_date,
        date_diff('day', d.date, t.next_employment_date) as days_to_next_employment,
        t.next_employment_date,
        a.event_id as next_event_id,
        a.event_type as next_event_type,
        a.scheduled_date as next_event_date,
        date_diff('day', d.date, a.scheduled_date) as days_to_next_event,
        s.bls_snapshot_date,
        s.fed_snapshot_date
    from days as d
    left join next_by_type as t on d.date = t.date
    left join next_any as a on d.date = a.date
    left join snapshot_days as s on d.date = s.date
)

select * from final
