
    

    create  table
      "warehouse"."intermediate"."int_macro_events_enriched__dbt_tmp"
  
    
    as (
      -- One row per macro event with its current date, its original (first seen) date and its status,
-- derived by comparing the calendar snapshots (the columns are documented with dim_macro_events).
--   as_of_date: the source's latest snapshot day (a snapshot stands for the end of its day).
--   cancelled: the latest listing says CANCELLED, or the event vanished from the feed while the
--              latest snapshot still lists events dated on or before it (so it did not just age
--              out of the feed's window).
--   released:  not cancelled and scheduled_date <= as_of_date.
--   postponed: not yet released and moved later than first announced.
--   scheduled: otherwise.
with snapshots as (
    select * from "warehouse"."intermediate"."int_macro_event_snapshots_unioned"
),

snapshot_days as (
    select distinct
        source,
        snapshot_date
    from snapshots
),

source_snapshots as (
    select
        source,
        snapshot_date,
        lag(snapshot_date) over (
            partition by source order by snapshot_date
        ) as previous_snapshot_date
    from snapshot_days
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
    select
        snapshots.source,
        min(snapshots.scheduled_date) as earliest_listed_date
    from snapshots
    inner join
        latest_snapshots
        on
            snapshots.source = latest_snapshots.source
            and snapshots.snapshot_date = latest_snapshots.as_of_date
    group by snapshots.source
),

listings as (
    select
        *,
        lag(scheduled_date) over (
            partition by event_id order by snapshot_date
        ) as previous_scheduled_date
    from snapshots
),

changes as (
    select
        *,
        (scheduled_date is distinct from previous_scheduled_date) as is_date_change
    from listings
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
    select latest.event_id
    from snapshots as latest
    inner join latest_snapshots
        on
            latest.source = latest_snapshots.source
            and latest.snapshot_date = latest_snapshots.as_of_date
    inner join snapshots as previous
        on
            latest.event_id = previous.event_id
            and latest_snapshots.previous_snapshot_date = previous.snapshot_date
    where previous.scheduled_date is distinct from latest.scheduled_date
),

statuses as (
    select
        per_event.*,
        latest_snapshots.as_of_date,
        per_event.last_seen_date < latest_snapshots.as_of_date
        and per_event.scheduled_date >= feed_coverage.earliest_listed_date as vanished_from_feed,
        latest_moves.event_id is not null as moved_in_latest_fetch
    from per_event
    inner join latest_snapshots on per_event.source = latest_snapshots.source
    left join feed_coverage on per_event.source = feed_coverage.source
    left join latest_moves on per_event.event_id = latest_moves.event_id
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
    );
    
  