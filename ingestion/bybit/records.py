"""Pure parsers: Bybit v5 payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

from typing import Any

import polars as pl

from ingestion.payloads import Payload, epoch_ms_to_datetime, require, to_decimal

RATE = pl.Decimal(38, 12)
AMOUNT = pl.Decimal(38, 10)
HOUR_MS = 3_600_000

RAW_FUNDING_RATES_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "funding_at": pl.Datetime("us", "UTC"),
    "funding_hour_at": pl.Datetime("us", "UTC"),
    "funding_rate": RATE,
}

RAW_OPEN_INTEREST_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "period_at": pl.Datetime("us", "UTC"),
    "open_interest": AMOUNT,
}


def _result_list(payload: Payload) -> tuple[dict, list]:
    """The v5 envelope: retCode 0 or an error naming Bybit's code and message."""
    body = payload.json()
    if not isinstance(body, dict):
        raise payload.error(f"expected a JSON object envelope, got {type(body).__name__}")
    code = require(payload, body, "retCode")
    if code != 0:
        raise payload.error(
            f"Bybit error retCode={code!r} retMsg={body.get('retMsg')!r}", field="retCode"
        )
    result = require(payload, body, "result")
    rows = require(payload, result, "list", where=" in result")
    if not isinstance(rows, list):
        raise payload.error(
            f"expected result.list to be an array, got {type(rows).__name__}", field="result.list"
        )
    return result, rows


def _decimal(payload: Payload, row: Any, key: str, i: int):
    value = to_decimal(
        payload,
        require(payload, row, key, where=f" in result.list[{i}]"),
        field=f"result.list[{i}].{key}",
    )
    if value is None:
        raise payload.error(f"row {i}: empty value", field=f"result.list[{i}].{key}")
    return value


def parse_funding_rates(payload: Payload) -> pl.DataFrame:
    """A funding-history page; a print's day is that of its nearest full hour."""
    _, rows = _result_list(payload)
    out = []
    for i, raw in enumerate(rows):
        field = f"result.list[{i}].fundingRateTimestamp"
        ms_at = epoch_ms_to_datetime(
            payload, require(payload, raw, "fundingRateTimestamp"), field=field
        )
        ms = int(ms_at.timestamp() * 1000)
        hour_at = epoch_ms_to_datetime(
            payload, (ms + HOUR_MS // 2) // HOUR_MS * HOUR_MS, field=field
        )
        out.append(
            {
                "symbol": require(payload, raw, "symbol", where=f" in result.list[{i}]"),
                "date": hour_at.date(),
                "funding_at": ms_at,
                "funding_hour_at": hour_at,
                "funding_rate": _decimal(payload, raw, "fundingRate", i),
            }
        )
    return pl.DataFrame(out, schema=RAW_FUNDING_RATES_SCHEMA, orient="row")


def parse_open_interest(payload: Payload) -> pl.DataFrame:
    """An open-interest page (intervalTime=1d): coin OI stamped at the period start."""
    result, rows = _result_list(payload)
    symbol = result.get("symbol") or payload.params.get("symbol")
    if not symbol:
        raise payload.error("no symbol in result or request", field="result.symbol")
    out = []
    for i, raw in enumerate(rows):
        period_at = epoch_ms_to_datetime(
            payload, require(payload, raw, "timestamp"), field=f"result.list[{i}].timestamp"
        )
        out.append(
            {
                "symbol": symbol,
                "date": period_at.date(),
                "period_at": period_at,
                "open_interest": _decimal(payload, raw, "openInterest", i),
            }
        )
    return pl.DataFrame(out, schema=RAW_OPEN_INTEREST_SCHEMA, orient="row")
