-- One row per calendar day from the first calendar snapshot to the last one plus a horizon
-- (var crw_macro_countdown_horizon_days, default 60): days to the next CPI release, the next
-- FOMC decision and the next macro event of any type, *as known on that day* (from each
-- source's latest snapshot taken on or before the day, so no look-ahead: on 2025-10-09 the
-- September CPI was still due 2025-10-15). "Next" is the first non-cancelled event with
-- scheduled_date >= date, so an event day itself counts 0. Ties on a day go to the earlier
-- instant, then event type. Null when no such event is known.
-- Incremental: a day's countdowns read the snapshots known on that day, so the days from the
-- window's first on are recomputed (from the latest snapshot before it on) and the rest kept.
{{ config(materialized=crw_incremental(), incremental_strategy='crw_window') }}

with snapshots as (
    select * from {{ ref('int_macro_event_snapshots_unioned') }}
),

source_snapshot_days as (
    select distinct
        source,
        snapshot_date
    from snapshots
),

sources as (
    select distinct source from source_snapshot_days
),

day_bounds as (
    select
        min(snapshot_date) as first_date,
        max(snapshot_date) + {{ var('crw_macro_countdown_horizon_days', 60) }} as last_date
    from source_snapshot_days
),

calendar as (
    select {{ crw_days_between('first_date', 'last_date') }} as calendar_day
    from day_bounds
),

days as (
    select cast(calendar_day as date) as date
    from calendar
    where {{ crw_keeps_window('cast(calendar_day as date)') }}
),

known_snapshots as (
    select
        days.date,
        sources.source,
        source_snapshot_days.snapshot_date
    from days
    cross join sources
    {{ crw_asof_join(
        'inner', 'source_snapshot_days', 'days.date', 'snapshot_date',
        keys=[('sources.source', 'source')]
    ) }}
),

upcoming as (
    select
        known_snapshots.date,
        events.event_id,
        events.event_type,
        events.scheduled_date,
        events.scheduled_at_utc
    from known_snapshots
    inner join snapshots as events
        on
            known_snapshots.source = events.source
            and known_snapshots.snapshot_date = events.snapshot_date
    where not events.is_cancelled and events.scheduled_date >= known_snapshots.date
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
    select
        date,
        event_id,
        event_type,
        scheduled_date
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
        days.date,
        {{ crw_datediff('day', 'days.date', 'next_by_type.next_cpi_date') }} as days_to_next_cpi,
        next_by_type.next_cpi_date,
        {{ crw_datediff('day', 'days.date', 'next_by_type.next_fomc_date') }} as days_to_next_fomc,
        next_by_type.next_fomc_date,
        {{ crw_datediff('day', 'days.date', 'next_by_type.next_employment_date') }}
            as days_to_next_employment,
        next_by_type.next_employment_date,
        next_any.event_id as next_event_id,
        next_any.event_type as next_event_type,
        next_any.scheduled_date as next_event_date,
        {{ crw_datediff('day', 'days.date', 'next_any.scheduled_date') }}
            as days_to_next_event,
        snapshot_days.bls_snapshot_date,
        snapshot_days.fed_snapshot_date
    from days
    left join next_by_type on days.date = next_by_type.date
    left join next_any on days.date = next_any.date
    left join snapshot_days on days.date = snapshot_days.date
)

select * from final
