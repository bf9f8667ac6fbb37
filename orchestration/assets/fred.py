"""FRED raw assets."""

from __future__ import annotations

from ingestion.fred import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec

OBSERVATIONS = RawSpec(
    source="fred",
    entity="observations",
    default_base_url=client.FRED_BASE_URL,
    fetch=lambda http, start, end: client.fetch_observations(http, start, end),
    parse=records.parse_observations,
    schema=records.RAW_OBSERVATIONS_SCHEMA,
    description="FRED daily series (NASDAQ100, SP500, VIXCLS) from fredgraph.csv; `.` = no value.",
    # Weekday series: a long weekend is normal, so allow 4 days before calling it stale.
    key=("series_id", "date"),
    freshness_hours=96,
)

SPECS = (OBSERVATIONS,)
defs = raw_definitions(*SPECS)
