-- One row per release per snapshot day, from the day's latest fetch. The event id is the
-- release type and reference month (CPI-2025-09), stable when the release is moved.
with source as (
    select * from {{ source('bls', 'release_schedule') }}
),

latest_fetch_per_day as (
    select *
    from source
    qualify dense_rank() over (partition by date order by fetched_at desc, _payload_sha256 asc) = 1
),

periods as (
    select
        *,
        -- A title without "for <Month YYYY>": the release covers the month before it.
        coalesce(
            reference_period,
            substr(
                cast(
                    cast(date_trunc('month', scheduled_date) - interval 1 month as date) as string
                ),
                1,
                7
            )
        ) as event_reference_period
    from latest_fetch_per_day
),

renamed as (
    select
        release_type || '-' || event_reference_period as event_id,
        release_type as event_type,
        event_reference_period as reference_period,
        date as snapshot_date,
        scheduled_date,
        scheduled_at_utc,
        is_all_day,
        coalesce(event_status = 'CANCELLED', false) as is_cancelled,
        uid,
        summary,
        fetched_at,
        _payload_sha256 as payload_sha256,
        _loaded_at
    from periods
),

final as (
    select * from renamed
)

select * from final
