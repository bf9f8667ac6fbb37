with events as (
    select * from "warehouse"."intermediate"."int_macro_events_enriched"
),

final as (
    select
        event_id,
        event_type,
        scheduled_date,
        scheduled_at_utc,
        original_scheduled_date,
        status,
        reference_period,
        has_projections,
        is_rescheduled,
        first_seen_date,
        as_of_date
    from events
)

select * from final