"""BLS raw assets: the release-schedule ICS feed as a daily snapshot (the weekly schedule that
refreshes it with the Fed calendar is in ``orchestration/schedules.py``)."""

from __future__ import annotations

from ingestion.bls import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec

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

SPECS = (RELEASE_SCHEDULE,)
defs = raw_definitions(*SPECS)
