-- Every macro event as listed by every calendar snapshot: BLS releases, FOMC decisions, and FOMC
-- minutes where the page gives their release date. The common shape the event history and the
-- day-by-day countdowns are derived from.
-- Incremental: a snapshot day's rows come from that day's fetch alone, so the window's snapshot
-- days are read and rewritten.
{{ config(
    materialized=crw_incremental(),
    incremental_strategy='crw_window',
    crw_date_column='snapshot_date',
) }}

with bls_releases as (
    select * from {{ ref('stg_bls__release_schedules') }}
    where {{ crw_reads_since('snapshot_date', 0) }}
),

fomc_meetings as (
    select * from {{ ref('stg_fed__fomc_meetings') }}
    where {{ crw_reads_since('snapshot_date', 0) }}
),

releases as (
    select
        'bls' as source,
        snapshot_date,
        event_id,
        event_type,
        reference_period,
        scheduled_date,
        scheduled_at_utc,
        false as has_projections,
        is_cancelled
    from bls_releases
),

decisions as (
    select
        'fed' as source,
        snapshot_date,
        meeting_id as event_id,
        'FOMC_DECISION' as event_type,
        substr(cast(decision_date as string), 1, 7) as reference_period,
        decision_date as scheduled_date,
        decision_at_utc as scheduled_at_utc,
        has_projections,
        false as is_cancelled
    from fomc_meetings
),

minutes as (
    select
        'fed' as source,
        snapshot_date,
        'FOMC-MINUTES-' || substr(cast(decision_date as string), 1, 7) as event_id,
        'FOMC_MINUTES' as event_type,
        substr(cast(decision_date as string), 1, 7) as reference_period,
        minutes_release_date as scheduled_date,
        minutes_release_at_utc as scheduled_at_utc,
        false as has_projections,
        false as is_cancelled
    from fomc_meetings
    where minutes_release_date is not null
),

final as (
    select * from releases
    union all
    select * from decisions
    union all
    select * from minutes
)

select * from final
where {{ crw_keeps_window('snapshot_date') }}
