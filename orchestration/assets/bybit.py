"""Bybit raw assets: funding and open interest, the second venue."""

from __future__ import annotations

from datetime import date

from ingestion.bybit import client, records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec


def _fetch_funding(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [p for s in client.SYMBOLS for p in client.fetch_funding_rates(http, s, start, end)]


def _fetch_open_interest(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [p for s in client.SYMBOLS for p in client.fetch_open_interest(http, s, start, end)]


FUNDING_RATES = RawSpec(
    source="bybit",
    entity="funding_rates",
    default_base_url=client.BASE_URL,
    fetch=_fetch_funding,
    parse=records.parse_funding_rates,
    schema=records.RAW_FUNDING_RATES_SCHEMA,
    description="Bybit linear funding prints (BTCUSDT, ETHUSDT), one row per print.",
    key=("symbol", "funding_at"),
    gap_check_by=("symbol",),
)

OPEN_INTEREST = RawSpec(
    source="bybit",
    entity="open_interest",
    default_base_url=client.BASE_URL,
    fetch=_fetch_open_interest,
    parse=records.parse_open_interest,
    schema=records.RAW_OPEN_INTEREST_SCHEMA,
    description="Bybit linear daily open interest in coin (BTCUSDT, ETHUSDT); every version kept.",
    key=("symbol", "period_at"),
    merge_on=("symbol", "date"),
    gap_check_by=("symbol",),
)

SPECS = (FUNDING_RATES, OPEN_INTEREST)
ASSETS = [raw_asset(spec) for spec in SPECS]
CHECKS = [check for spec in SPECS for check in raw_checks(spec)]
