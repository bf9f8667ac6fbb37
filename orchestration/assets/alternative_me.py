"""alternative.me raw assets.

Fear & Greed re-fetches a trailing window of 3 days before each run's last day
(``TrailingWindow(3)``); an answer with ``data: []`` (or without the run's days) replaces nothing
and is logged as an empty answer, so the next run fills the day.
"""

from __future__ import annotations

from ingestion.alternative_me import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec, TrailingWindow

FEAR_GREED = RawSpec(
    source="alternative_me",
    entity="fear_greed",
    default_base_url=client.ALTERNATIVE_ME_BASE_URL,
    fetch=lambda http, start, end: client.fetch_fear_greed(http, start, end),
    parse=records.parse_fear_greed,
    schema=records.RAW_FEAR_GREED_SCHEMA,
    description="Crypto Fear & Greed index, one reading per UTC day, with the provider's label.",
    # alternative.me itself skipped 2024-10-26: the check warns rather than fails.
    key=("date",),
    gap_check_by=(),
    window=TrailingWindow(3),
)

SPECS = (FEAR_GREED,)
defs = raw_definitions(*SPECS)
