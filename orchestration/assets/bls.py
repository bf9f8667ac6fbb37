"""BLS raw assets: the release-schedule ICS feed as a daily snapshot, plus the weekly schedule
that refreshes both macro calendars (BLS and Fed) and the macro models downstream."""

from __future__ import annotations

from datetime import timedelta

import dagster as dg
from dagster_dbt import build_dbt_asset_selection

from ingestion.bls import client, records
from orchestration.assets.dbt import dbt_models
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec
from orchestration.partitions import DAILY

RELEASE_SCHEDULE = RawSpec(
    source="bls",
    entity="release_schedule",
    default_base_url=client.BASE_URL,
    fetch=client.fetch_release_schedule,
    parse=records.parse_release_schedule,
    schema=records.RAW_RELEASE_SCHEDULE_SCHEMA,
    description=(
        "BLS release schedule (ICS) as fetched each snapshot day: CPI, Employment Situation and "
        "PPI releases with their scheduled ET date/time (UTC instant), reference period and "
        "STATUS. Every fetched version is kept, so reschedules and cancellations can be derived."
    ),
    key=("uid",),
    snapshot=True,
    keep_versions=True,
    user_agent=client.USER_AGENT,
    freshness_hours=8 * 24,
)

ASSETS = [raw_asset(RELEASE_SCHEDULE)]
CHECKS = [*raw_checks(RELEASE_SCHEDULE)]

# Both calendars change rarely: a weekly snapshot (Monday 06:00 UTC, for the UTC day that just
# closed) followed by the macro dbt models. The date-change flag is the dbt test on
# int_macro_events_enriched.moved_in_latest_fetch, which Dagster shows as a warning asset check.
MACRO_DBT_SELECT = (
    "path:models/staging/bls path:models/staging/fed path:models/intermediate/macro "
    "path:models/marts/macro path:snapshots/macro_events_snapshot.yml"
)

MACRO_CALENDARS_JOB = dg.define_asset_job(
    "macro_calendars",
    selection=dg.AssetSelection.assets(["bls", "release_schedule"], ["fed", "fomc_meetings"])
    | build_dbt_asset_selection([dbt_models], dbt_select=MACRO_DBT_SELECT),
    partitions_def=DAILY,
    description="Snapshot the BLS and Fed calendars, then rebuild the macro dbt models.",
)


@dg.schedule(
    job=MACRO_CALENDARS_JOB,
    cron_schedule="0 6 * * 1",
    execution_timezone="UTC",
    description="Mondays 06:00 UTC: snapshot both macro calendars for the day that just closed.",
)
def macro_calendars_weekly(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    closed_day = (context.scheduled_execution_time - timedelta(days=1)).date()
    return dg.RunRequest(partition_key=closed_day.isoformat())


JOBS = [MACRO_CALENDARS_JOB]
SCHEDULES = [macro_calendars_weekly]
