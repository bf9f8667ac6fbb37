-- One row per macro event version: a run of consecutive calendar fetches of the event's source
-- (BLS or Fed) that listed it with the same date, time and cancellation, valid from the first
-- of them until the source's first later fetch that listed it otherwise or not at all (null:
-- the latest fetch still lists it so).
--
-- Built from the fetches that list each event (linear in the calendar's rows): a version also
-- ends where the event's next listing is not the source's next fetch (a fetch left it out),
-- and its valid_to is the fetch after its last listing. Comparing every event with every
-- fetch of its source instead grows with events × fetches, i.e. with the square of history.
with snapshots as (
    select * from {{ ref('int_macro_event_snapshots_unioned') }}
),

-- staging keeps the day's latest fetch of each source: one fetch instant per snapshot day
fetches as (
    select distinct
        'bls' as source,
        snapshot_date,
        fetched_at
    from {{ ref('stg_bls__release_schedules') }}
    union all
    select distinct
        'fed' as source,
        snapshot_date,
        fetched_at
    from {{ ref('stg_fed__fomc_meetings') }}
),

fetches_numbered as (
    select
        source,
        snapshot_date,
        fetched_at,
        row_number() over (partition by source order by fetched_at) as fetch_number
    from fetches
),

listings as (
    select
        snapshots.source,
        snapshots.event_id,
        snapshots.event_type,
        snapshots.reference_period,
        snapshots.scheduled_date,
        snapshots.scheduled_at_utc,
        snapshots.has_projections,
        snapshots.is_cancelled,
        fetches_numbered.fetched_at,
        fetches_numbered.fetch_number
    from snapshots
    inner join fetches_numbered
        on
            snapshots.source = fetches_numbered.source
            and snapshots.snapshot_date = fetches_numbered.snapshot_date
),

previous as (
    select
        *,
        lag(fetch_number) over by_fetch as previous_fetch_number,
        lag(scheduled_date) over by_fetch as previous_scheduled_date,
        lag(scheduled_at_utc) over by_fetch as previous_scheduled_at_utc,
        lag(is_cancelled) over by_fetch as previous_is_cancelled
    from listings
    window by_fetch as (partition by event_id order by fetched_at)
),

changes as (
    select
        *,
        (
            previous_fetch_number is null
            or fetch_number > previous_fetch_number + 1
            or (scheduled_date is distinct from previous_scheduled_date)
            or (scheduled_at_utc is distinct from previous_scheduled_at_utc)
            or (is_cancelled is distinct from previous_is_cancelled)
        ) as starts_version
    from previous
),

numbered as (
    select
        *,
        sum(cast(starts_version as integer)) over (
            partition by event_id order by fetched_at rows unbounded preceding
        ) as version_number
    from changes
),

versions as (
    select
        event_id,
        version_number,
        any_value(source) as source,
        any_value(event_type) as event_type,
        any_value(reference_period) as reference_period,
        any_value(scheduled_date) as scheduled_date,
        any_value(scheduled_at_utc) as scheduled_at_utc,
        any_value(has_projections) as has_projections,
        any_value(is_cancelled) as is_cancelled,
        min(fetched_at) as valid_from,
        max(fetch_number) as last_fetch_number
    from numbered
    group by event_id, version_number
),

final as (
    select
        versions.event_id,
        versions.event_type,
        versions.reference_period,
        versions.scheduled_date,
        versions.scheduled_at_utc,
        versions.has_projections,
        versions.is_cancelled,
        versions.source,
        cast(versions.version_number as integer) as version_number,
        versions.valid_from,
        -- the source's fetch after the version's last listing (none yet: still the latest)
        next_fetch.fetched_at as valid_to
    from versions
    left join fetches_numbered as next_fetch
        on
            versions.source = next_fetch.source
            and versions.last_fetch_number + 1 = next_fetch.fetch_number
)

select * from final
