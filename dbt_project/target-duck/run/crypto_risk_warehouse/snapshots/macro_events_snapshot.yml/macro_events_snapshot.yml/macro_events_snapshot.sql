
      update "warehouse"."snapshots"."macro_events_snapshot" as DBT_INTERNAL_TARGET
    set dbt_valid_to = DBT_INTERNAL_SOURCE.dbt_valid_to
    from "macro_events_snapshot__dbt_tmp20261201030616425940" as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.dbt_scd_id::text = DBT_INTERNAL_TARGET.dbt_scd_id::text
      and DBT_INTERNAL_SOURCE.dbt_change_type::text in ('update'::text, 'delete'::text)
      
        and DBT_INTERNAL_TARGET.dbt_valid_to is null;
      

    insert into "warehouse"."snapshots"."macro_events_snapshot" ("event_id", "event_type", "scheduled_date", "scheduled_at_utc", "original_scheduled_date", "status", "reference_period", "has_projections", "is_rescheduled", "times_rescheduled", "moved_in_latest_fetch", "first_seen_date", "last_seen_date", "as_of_date", "source", "dbt_updated_at", "dbt_valid_from", "dbt_valid_to", "dbt_scd_id")
    select DBT_INTERNAL_SOURCE."event_id",DBT_INTERNAL_SOURCE."event_type",DBT_INTERNAL_SOURCE."scheduled_date",DBT_INTERNAL_SOURCE."scheduled_at_utc",DBT_INTERNAL_SOURCE."original_scheduled_date",DBT_INTERNAL_SOURCE."status",DBT_INTERNAL_SOURCE."reference_period",DBT_INTERNAL_SOURCE."has_projections",DBT_INTERNAL_SOURCE."is_rescheduled",DBT_INTERNAL_SOURCE."times_rescheduled",DBT_INTERNAL_SOURCE."moved_in_latest_fetch",DBT_INTERNAL_SOURCE."first_seen_date",DBT_INTERNAL_SOURCE."last_seen_date",DBT_INTERNAL_SOURCE."as_of_date",DBT_INTERNAL_SOURCE."source",DBT_INTERNAL_SOURCE."dbt_updated_at",DBT_INTERNAL_SOURCE."dbt_valid_from",DBT_INTERNAL_SOURCE."dbt_valid_to",DBT_INTERNAL_SOURCE."dbt_scd_id"
    from "macro_events_snapshot__dbt_tmp20261201030616425940" as DBT_INTERNAL_SOURCE
    where DBT_INTERNAL_SOURCE.dbt_change_type::text = 'insert'::text;


  