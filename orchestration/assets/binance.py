"""Binance raw assets."""

from __future__ import annotations

from datetime import date

from ingestion.binance import client, records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec


def _fetch_spot(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [p for s in client.SPOT_SYMBOLS for p in client.fetch_spot_klines(http, s, start, end)]


SPOT_KLINES = RawSpec(
    source="binance",
    entity="spot_klines",
    default_base_url=client.SPOT_BASE_URL,
    fetch=_fetch_spot,
    parse=records.parse_spot_klines,
    schema=records.RAW_SPOT_KLINES_SCHEMA,
    description="Binance spot daily klines (UTC) for BTC ETH SOL XRP ADA against USDT.",
    gap_check_by=("symbol",),
)

ASSETS = [raw_asset(SPOT_KLINES)]
CHECKS = [*raw_checks(SPOT_KLINES)]
