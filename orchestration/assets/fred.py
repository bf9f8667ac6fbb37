"""FRED raw assets.

Each run re-fetches a trailing window of 5 days before its last day (``TrailingWindow(5)``): the
series are weekday series, so 5 calendar days still cover the last 3 trading days across a
weekend, and a close FRED published late or revised heals on the next runs. A header-only CSV
(no observation in the window) replaces nothing and is logged as an empty answer.
"""

from __future__ import annotations

from ingestion.fred import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec, TrailingWindow

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
    gap_check_by=("series_id",),
    series_params={"series_id": "id"},
    # FRED lists every weekday, holidays as '.' (null): a weekday without a row is missing.
    calendar="weekdays",
    window=TrailingWindow(5),
)

SPECS = (OBSERVATIONS,)
defs = raw_definitions(*SPECS)
