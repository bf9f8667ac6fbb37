-- One row per macro event with its current date, its original (first seen) date and its status,
-- derived by comparing the calendar snapshots (DESIGN §5, dim_macro_events).
--   as_of_date: the source's latest snapshot day (a snapshot stands for the end of its day).
--   cancelled: the latest listing says CANCELLED, or the event vanished from the feed while the
--              latest snapshot still lists events dated on or before it (so it did not just age
--              out of the feed's window).
--   released:  not cancelled and scheduled_date <= as_of_date.
--   postponed: not yet released and moved later than first announced.
--   scheduled: otherwise.
with snapshots as (
    select * from {{ ref('int_macro_event_snapshots_unioned') }}
),

source_snapshots as (
    select
        source,
        snapshot_date,
        lag(snapshot_date) over (partition by source order by snapshot_date) as previous_snapshot_date
    from (select distinct source, snapshot_date from snapshots)
),

latest_snapshots as (
    select
        source,
        max(snapshot_date) as as_of_date,
        max_by(previous_snapshot_date, snapshot_date) as previous_snapshot_date
    from source_snapshots
    group by source
),

feed_coverage as (
    -- The earliest event the latest snapshot still lists: older vanished events aged out.
    select s.source, min(s.scheduled_date) as earliest_listed_date
    from snapshots as s
    inner join latest_snapshots as l on s.source = l.source and s.snapshot_date = l.as_of_date
    group by s.source
),

changes as (
    select
        *,
        scheduled_date is distinct from lag(scheduled_date) over by_snapshot as is_date_change
    from snapshots
    window by_snapshot as (partition by event_id order by snapshot_date)
),

per_event as (
    select
        event_id,
        any_value(source) as source,
        max_by(event_type, snapshot_date) as event_type,
        max_by(reference_period, snapshot_date) as reference_period,
        max_by(scheduled_date, snapshot_date) as scheduled_date,
        max_by(scheduled_at_utc, snapshot_date) as scheduled_at_utc,
        max_by(has_projections, snapshot_date) as has_projections,
        max_by(is_cancelled, snapshot_date) as is_cancelled_in_feed,
        min_by(scheduled_date, snapshot_date) as original_scheduled_date,
        min(snapshot_date) as first_seen_date,
        max(snapshot_date) as last_seen_date,
        count(*) filter (where is_date_change) - 1 as times_rescheduled
    from changes
    group by event_id
),

latest_moves as (
    -- Events whose date differs between the source's previous and latest snapshot.
    select cur.event_id
    from snapshots as cur
    inner join latest_snapshots as l
        on cur.source = l.source and cur.snapshot_date = l.as_of_date
    inner join snapshots as prev
        on prev.event_id = cur.event_id and prev.snapshot_date = l.previous_snapshot_date
    where prev.scheduled_date is distinct from cur.scheduled_date
),

statuses as (
    select
        e.*,
        l.as_of_date,
        e.last_seen_date < l.as_of_date
        and e.scheduled_date >= c.earliest_listed_date as vanished_from_feed,
        m.event_id is not null as moved_in_latest_fetch
    from per_event as e
    inner join latest_snapshots as l on e.source = l.source
    left join feed_coverage as c on e.source = c.source
    left join latest_moves as m on e.event_id = m.event_id
),

final as (
    select
        event_id,
        event_type,
        scheduled_date,
        scheduled_at_utc,
        original_scheduled_date,
        case
            when is_cancelled_in_feed or vanished_from_feed then 'cancelled'
            when scheduled_date <= as_of_date then 'released'
            when scheduled_date > original_scheduled_date then 'postponed'
            else 'scheduled'
        end as status,
        reference_period,
        has_projections,
        times_rescheduled > 0 as is_rescheduled,
        times_rescheduled,
        moved_in_latest_fetch,
        first_seen_date,
        last_seen_date,
        as_of_date,
        source
    from statuses
)

select * from final
