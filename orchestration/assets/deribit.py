"""Deribit raw assets: the DVOL index and the daily option/future book-summary snapshot, with
the snapshot's own fixed-time schedule.

DVOL re-fetches a trailing window of 3 days before each run's last day (``TrailingWindow(3)``);
the book summaries are a snapshot (no window: the past cannot be fetched again), and a day's
snapshot of one currency and kind is replaced only when the new snapshot has it.
"""

from __future__ import annotations

from datetime import date

import dagster as dg

from ingestion.deribit import client, records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.raw import raw_definitions
from orchestration.assets.universe import configured_universe
from orchestration.ingest import RawSpec, TrailingWindow, for_each
from orchestration.partitions import DAILY

CURRENCIES = configured_universe().deribit_currencies()


def _fetch_books(http: SourceHttp, start: date, end: date) -> list[Payload]:
    # A snapshot spec is called once per day (start == end): the current books.
    return [client.fetch_book_summaries(http, c, k) for c in CURRENCIES for k in client.BOOK_KINDS]


VOLATILITY_INDEX = RawSpec(
    source="deribit",
    entity="volatility_index",
    default_base_url=client.BASE_URL,
    fetch=for_each(CURRENCIES, client.fetch_volatility_index),
    universe=CURRENCIES,
    parse=records.parse_volatility_index,
    schema=records.RAW_VOLATILITY_INDEX_SCHEMA,
    description=(
        "Deribit DVOL (30-day implied vol index, vol points) daily candles per options "
        "underlying of the universe."
    ),
    key=("currency", "candle_at"),
    gap_check_by=("currency",),
    window=TrailingWindow(3),
)

BOOK_SUMMARIES = RawSpec(
    source="deribit",
    entity="book_summaries",
    default_base_url=client.BASE_URL,
    fetch=_fetch_books,
    universe=CURRENCIES,
    parse=records.parse_book_summaries,
    schema=records.RAW_BOOK_SUMMARIES_SCHEMA,
    description=(
        "Deribit book summaries (kind=option and kind=future, per options underlying of the "
        "universe), one snapshot per day "
        "taken at 00:05 UTC and labelled with the UTC day that just closed; instrument names "
        "parsed into type, expiry (08:00 UTC), strike and call/put. Snapshot only: no live "
        "backfill."
    ),
    key=("instrument_name",),
    snapshot=True,
    gap_check_by=("currency", "kind"),
)

SPECS = (VOLATILITY_INDEX, BOOK_SUMMARIES)
BOOK_SNAPSHOT_JOB = dg.define_asset_job(
    "deribit_book_snapshot",
    selection=dg.AssetSelection.assets(["deribit", "book_summaries"]),
    partitions_def=DAILY,
    description="The Deribit option/future book snapshot of the day that just closed.",
)
# The book summary is current state only: take it at a fixed time, just after the UTC day closes,
# so its 24h volumes and marks describe that day. (The daily pipeline at 00:30 re-takes it for the
# same day; the later version replaces this one, still minutes after the close.)
BOOK_SNAPSHOT_SCHEDULE = dg.build_schedule_from_partitioned_job(
    BOOK_SNAPSHOT_JOB,
    name="deribit_book_snapshot_schedule",
    hour_of_day=0,
    minute_of_hour=5,
    description="00:05 UTC: snapshot Deribit option/future book summaries for the day that closed.",
)

defs = dg.Definitions.merge(
    raw_definitions(*SPECS),
    dg.Definitions(jobs=[BOOK_SNAPSHOT_JOB], schedules=[BOOK_SNAPSHOT_SCHEDULE]),
)
