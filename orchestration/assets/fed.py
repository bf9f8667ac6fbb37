"""Fed raw assets: the FOMC meeting calendar page as a daily snapshot (the weekly schedule that
refreshes it with the BLS calendar is in ``orchestration/schedules.py``)."""

from __future__ import annotations

from ingestion.fed import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec

FOMC_MEETINGS = RawSpec(
    source="fed",
    entity="fomc_meetings",
    default_base_url=client.BASE_URL,
    fetch=client.fetch_fomc_meetings,
    parse=records.parse_fomc_meetings,
    schema=records.RAW_FOMC_MEETINGS_SCHEMA,
    description=(
        "FOMC meeting calendar (federalreserve.gov HTML) as fetched each snapshot day: scheduled "
        "meetings with first day, decision day, SEP flag and minutes release date when the page "
        "gives it. Every fetched version is kept."
    ),
    key=("panel_year", "month_label", "date_label"),
    snapshot=True,
    keep_versions=True,
    freshness_hours=8 * 24,
)

SPECS = (FOMC_MEETINGS,)
defs = raw_definitions(*SPECS)
