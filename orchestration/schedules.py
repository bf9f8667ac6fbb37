"""Schedules: the crypto day closes at 00:00 UTC; run shortly after for the day that closed."""

from __future__ import annotations

import dagster as dg

from orchestration.jobs import DAILY_PIPELINE

DAILY_SCHEDULE = dg.build_schedule_from_partitioned_job(
    DAILY_PIPELINE,
    name="daily_pipeline_schedule",
    hour_of_day=0,
    minute_of_hour=30,
    description="00:30 UTC: yesterday's partition for every source, then dbt.",
)

SCHEDULES = [DAILY_SCHEDULE]
