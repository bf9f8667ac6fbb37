"""Farside raw assets: US spot ETF flows per fund (the universe's ``etf.farside`` assets), with
a trailing re-fetch.

Scheduled (orchestration/schedules.py) at 05:30 UTC Tuesday to Saturday for the previous UTC
day: the US session closed at 20:00/21:00 UTC, Farside fills in most issuers during the UK
night, and the run lands before the European risk morning. Issuers that report later still are
picked up by the next runs, because each run re-fetches and reloads a trailing window of US
trading days (``CRW_FARSIDE_REFETCH_DAYS``, default 10, see warehouse.settings) before its
partition.
"""

from __future__ import annotations

import functools
from datetime import date

from ingestion.farside import client, records
from ingestion.farside.calendar import trading_days_before
from orchestration.assets.raw import raw_definitions
from orchestration.assets.universe import configured_universe
from orchestration.ingest import RawSpec
from warehouse.settings import Settings

ASSETS = configured_universe().farside_assets()


def refetch_window(start: date, end: date, settings: Settings) -> tuple[date, date]:
    """The partition window widened back by the trailing re-fetch (late reporters, revisions)."""
    return trading_days_before(start, settings.farside_refetch_days), end


ETF_FLOWS = RawSpec(
    source="farside",
    entity="etf_flows",
    default_base_url=client.BASE_URL,
    fetch=functools.partial(client.fetch_etf_flows, assets=ASSETS),
    universe=ASSETS,
    parse=records.parse_etf_flows,
    schema=records.RAW_ETF_FLOWS_SCHEMA,
    description=(
        "Farside US spot ETF net flows per fund and US trading day (US$ m), one row "
        "per asset, ticker, date and published page version; '-' (not reported) kept as null."
    ),
    key=("asset", "page", "ticker", "date"),
    keep_versions=True,
    user_agent=client.USER_AGENT,
    # Weekday source: Saturday's run to Tuesday's spans a long weekend.
    freshness_hours=80,
    window=refetch_window,
)

SPECS = (ETF_FLOWS,)
defs = raw_definitions(*SPECS)
