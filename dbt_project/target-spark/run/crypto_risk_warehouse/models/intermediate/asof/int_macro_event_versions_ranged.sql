
  
    
        create table intermediate.int_macro_event_versions_ranged
      
      
      
      
      
      
      
      

      as
      -- One row per macro event version: a run of consecutive calendar fetches of the event's source
-- (BLS or Fed) that listed it with the same date, time and cancellation, valid from the first
-- of them until the source's first later fetch that listed it otherwise or not at all (null:
-- the latest fetch still lists it so).
with snapshots as (
    select * from intermediate.int_macro_event_snapshots_unioned
),

-- staging keeps the day's latest fetch of each source: one fetch instant per snapshot day
fetches as (
    select distinct
        'bls' as source,
        snapshot_date,
        fetched_at
    from staging.stg_bls__release_schedules
    union all
    select distinct
        'fed' as source,
        snapshot_date,
        fetched_at
    from staging.stg_fed__fomc_meetings
),

events as (
    select distinct
        source,
        event_id
    from snapshots
),

-- every event against every fetch of its source: listed (with its figures) or not
states as (
    select
        events.source,
        events.event_id,
        fetches.fetched_at,
        snapshots.event_id is not null as is_listed,
        snapshots.event_type,
        snapshots.reference_period,
        snapshots.scheduled_date,
        snapshots.scheduled_at_utc,
        snapshots.has_projections,
        snapshots.is_cancelled
    from events
    inner join fetches on events.source = fetches.source
    left join snapshots
        on
            events.event_id = snapshots.event_id
            and fetches.snapshot_date = snapshots.snapshot_date
),

previous as (
    select
        *,
        lag(fetched_at) over by_fetch as previous_fetched_at,
        lag(is_listed) over by_fetch as previous_is_listed,
        lag(scheduled_date) over by_fetch as previous_scheduled_date,
        lag(scheduled_at_utc) over by_fetch as previous_scheduled_at_utc,
        lag(is_cancelled) over by_fetch as previous_is_cancelled
    from states
    window by_fetch as (partition by event_id order by fetched_at)
),

changes as (
    select
        *,
        (
            previous_fetched_at is null
            or (is_listed is distinct from previous_is_listed)
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
        ) as run_number
    from changes
),

runs as (
    select
        event_id,
        run_number,
        any_value(source) as source,
        bool_or(is_listed) as is_listed,
        any_value(event_type) as event_type,
        any_value(reference_period) as reference_period,
        any_value(scheduled_date) as scheduled_date,
        any_value(scheduled_at_utc) as scheduled_at_utc,
        any_value(has_projections) as has_projections,
        any_value(is_cancelled) as is_cancelled,
        min(fetched_at) as valid_from
    from numbered
    group by event_id, run_number
),

ranged as (
    select
        *,
        lead(valid_from) over (partition by event_id order by run_number) as valid_to
    from runs
),

final as (
    select
        event_id,
        event_type,
        reference_period,
        scheduled_date,
        scheduled_at_utc,
        has_projections,
        is_cancelled,
        source,
        cast(row_number() over (partition by event_id order by valid_from) as integer)
            as version_number,
        valid_from,
        valid_to
    from ranged
    where is_listed
)

select * from final
  