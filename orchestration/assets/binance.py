"""Binance raw assets: spot klines, and USD-M funding, open interest and quarterly klines."""

from __future__ import annotations

from datetime import date

from ingestion.binance import client, records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec


def _fetch_spot(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [p for s in client.SPOT_SYMBOLS for p in client.fetch_spot_klines(http, s, start, end)]


def _fetch_funding(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [
        p for s in client.FUTURES_SYMBOLS for p in client.fetch_funding_rates(http, s, start, end)
    ]


def _fetch_open_interest(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [
        p for s in client.FUTURES_SYMBOLS for p in client.fetch_open_interest(http, s, start, end)
    ]


def _fetch_futures_klines(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [
        p for s in client.FUTURES_SYMBOLS for p in client.fetch_futures_klines(http, s, start, end)
    ]


SPOT_KLINES = RawSpec(
    source="binance",
    entity="spot_klines",
    default_base_url=client.SPOT_BASE_URL,
    fetch=_fetch_spot,
    parse=records.parse_spot_klines,
    schema=records.RAW_SPOT_KLINES_SCHEMA,
    description="Binance spot daily klines (UTC) for BTC ETH SOL XRP ADA against USDT.",
    key=("symbol", "open_time"),
    gap_check_by=("symbol",),
)

FUNDING_RATES = RawSpec(
    source="binance",
    entity="funding_rates",
    default_base_url=client.FUTURES_BASE_URL,
    fetch=_fetch_funding,
    parse=records.parse_funding_rates,
    schema=records.RAW_FUNDING_RATES_SCHEMA,
    description=(
        "Binance USD-M funding prints (BTCUSDT, ETHUSDT), one row per print; the day is that of "
        "the print's nearest full hour (fundingTime is a few ms off). 8h or 4h per symbol."
    ),
    key=("symbol", "funding_at"),
    gap_check_by=("symbol",),
)

OPEN_INTEREST = RawSpec(
    source="binance",
    entity="open_interest",
    default_base_url=client.FUTURES_BASE_URL,
    fetch=_fetch_open_interest,
    parse=records.parse_open_interest,
    schema=records.RAW_OPEN_INTEREST_SCHEMA,
    description=(
        "Binance USD-M daily open interest (coin and USD) per symbol. The API serves ~30 days, "
        "so a load replaces only the days it returned and never deletes days the API no "
        "longer serves."
    ),
    key=("symbol", "period_at"),
    merge_on=("symbol", "date"),
    gap_check_by=("symbol",),
)

FUTURES_KLINES = RawSpec(
    source="binance",
    entity="futures_klines",
    default_base_url=client.FUTURES_BASE_URL,
    fetch=_fetch_futures_klines,
    parse=records.parse_futures_klines,
    schema=records.RAW_FUTURES_KLINES_SCHEMA,
    description=(
        "Binance USD-M quarterly delivery contracts (BTCUSDT_YYMMDD, ETHUSDT_YYMMDD) daily klines, "
        "with the delivery date parsed from the symbol: the input of the front-quarter basis."
    ),
    key=("symbol", "open_time"),
)

SPECS = (SPOT_KLINES, FUNDING_RATES, OPEN_INTEREST, FUTURES_KLINES)
ASSETS = [raw_asset(spec) for spec in SPECS]
CHECKS = [check for spec in SPECS for check in raw_checks(spec)]
