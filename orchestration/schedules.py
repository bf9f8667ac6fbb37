"""Schedules that span sources. The crypto day closes at 00:00 UTC; ETF flows come after the US
close; both macro calendars change rarely."""

from __future__ import annotations

from datetime import timedelta

import dagster as dg

from orchestration.jobs import DAILY_PIPELINE, ETF_FLOWS_JOB, MACRO_CALENDARS_JOB

DAILY_SCHEDULE = dg.build_schedule_from_partitioned_job(
    DAILY_PIPELINE,
    name="daily_pipeline_schedule",
    hour_of_day=0,
    minute_of_hour=30,
    description="00:30 UTC: yesterday's partition for every source, then dbt.",
)


@dg.schedule(
    job=ETF_FLOWS_JOB,
    cron_schedule="30 5 * * 2-6",
    execution_timezone="UTC",
    name="farside_etf_flows_schedule",
    description="05:30 UTC Tue-Sat: the US trading day that closed overnight, re-fetching the "
    "trailing window for late and revised figures.",
)
def etf_flows_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    day = (context.scheduled_execution_time - timedelta(days=1)).date().isoformat()
    return dg.RunRequest(run_key=f"farside_{day}", partition_key=day)


# A weekly snapshot (Monday 06:00 UTC, for the UTC day that just closed) followed by the macro
# dbt models. The date-change flag is the dbt test on
# int_macro_events_enriched.moved_in_latest_fetch, which Dagster shows as a warning asset check.
@dg.schedule(
    job=MACRO_CALENDARS_JOB,
    cron_schedule="0 6 * * 1",
    execution_timezone="UTC",
    description="Mondays 06:00 UTC: snapshot both macro calendars for the day that just closed.",
)
def macro_calendars_weekly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    closed_day = (context.scheduled_execution_time - timedelta(days=1)).date()
    return dg.RunRequest(partition_key=closed_day.isoformat())


defs = dg.Definitions(schedules=[DAILY_SCHEDULE, etf_flows_schedule, macro_calendars_weekly])
