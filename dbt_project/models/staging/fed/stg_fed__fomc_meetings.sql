-- One row per scheduled FOMC meeting per snapshot day, from the day's latest fetch. The
-- statement (decision) is at 14:00 ET by convention, and so are the minutes.
with source as (
    select * from {{ source('fed', 'fomc_meetings') }}
),

latest_fetch_per_day as (
    select *
    from source
    qualify dense_rank() over (partition by date order by fetched_at desc, _payload_sha256 asc) = 1
),

renamed as (
    select
        'FOMC-' || substr(cast(decision_date as string), 1, 7) as meeting_id,
        date as snapshot_date,
        panel_year,
        month_label,
        date_label,
        meeting_start_date,
        decision_date,
        {{ crw_local_time_utc('decision_date', '14:00:00', 'America/New_York') }}
            as decision_at_utc,
        has_projections,
        minutes_release_date,
        {{ crw_local_time_utc('minutes_release_date', '14:00:00', 'America/New_York') }}
            as minutes_release_at_utc,
        fetched_at,
        _payload_sha256 as payload_sha256,
        _loaded_at
    from latest_fetch_per_day
),

final as (
    select * from renamed
)

select * from final
