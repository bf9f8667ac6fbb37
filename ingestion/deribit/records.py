"""Pure parsers: Deribit JSON-RPC payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import polars as pl

from ingestion.months import MONTH_ABBREVIATIONS
from ingestion.payloads import Payload, epoch_ms_to_datetime, require

RAW_VOLATILITY_INDEX_SCHEMA: dict[str, pl.DataType] = {
    "currency": pl.String(),
    "date": pl.Date(),
    "candle_at": pl.Datetime("us", "UTC"),
    "open": pl.Float64(),
    "high": pl.Float64(),
    "low": pl.Float64(),
    "close": pl.Float64(),
}

RAW_BOOK_SUMMARIES_SCHEMA: dict[str, pl.DataType] = {
    "currency": pl.String(),
    "kind": pl.String(),
    "date": pl.Date(),
    "snapshot_at": pl.Datetime("us", "UTC"),
    "instrument_name": pl.String(),
    "instrument_type": pl.String(),  # option | future | perpetual | future_combo
    "expiry_date": pl.Date(),
    "expiry_at": pl.Datetime("us", "UTC"),
    "strike": pl.Float64(),
    "option_type": pl.String(),  # call | put
    "mark_price": pl.Float64(),
    "mark_iv": pl.Float64(),
    "bid_price": pl.Float64(),
    "ask_price": pl.Float64(),
    "mid_price": pl.Float64(),
    "last_price": pl.Float64(),
    "volume": pl.Float64(),
    "volume_usd": pl.Float64(),
    "open_interest": pl.Float64(),
    "underlying_price": pl.Float64(),
    "underlying_index": pl.String(),
    "estimated_delivery_price": pl.Float64(),
    "interest_rate": pl.Float64(),
    "current_funding": pl.Float64(),
    "funding_8h": pl.Float64(),
}

EXPIRY_TIME = time(8, 0)  # Deribit expiries settle at 08:00 UTC
_OPTION = re.compile(
    r"^(?P<cur>[A-Z]+)-(?P<exp>\d{1,2}[A-Z]{3}\d{2})-(?P<strike>\d+(?:d\d+)?)-(?P<cp>[CP])$"
)
_FUTURE = re.compile(r"^(?P<cur>[A-Z]+)-(?P<exp>\d{1,2}[A-Z]{3}\d{2})$")


def _result(payload: Payload) -> Any:
    body = payload.json()
    if not isinstance(body, dict):
        raise payload.error(f"expected a JSON-RPC object, got {type(body).__name__}")
    if "error" in body:
        error = body["error"] if isinstance(body["error"], dict) else {}
        raise payload.error(
            f"JSON-RPC error code={error.get('code')!r} message={error.get('message')!r}"
            + (" (rate limited: too_many_requests)" if error.get("code") == 10028 else ""),
            field="error",
        )
    return require(payload, body, "result")


def _number(payload: Payload, value: Any, field: str, *, required: bool = False) -> float | None:
    if value is None:
        if required:
            raise payload.error("required number is null", field=field)
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise payload.error(f"expected a JSON number, got {value!r}", field=field)
    return float(value)


def parse_volatility_index(payload: Payload) -> pl.DataFrame:
    """A DVOL page: ``result.data`` rows ``[ts_ms, open, high, low, close]`` (vol points)."""
    result = _result(payload)
    data = require(payload, result, "data", where=" in result")
    if not isinstance(data, list):
        raise payload.error("expected result.data to be an array", field="result.data")
    currency = payload.params.get("currency")
    if not currency:
        raise payload.error("request had no currency parameter", field="currency")
    rows = []
    for i, raw in enumerate(data):
        if not isinstance(raw, list) or len(raw) != 5:
            raise payload.error(
                f"row {i}: expected [ts, open, high, low, close], got {str(raw)[:80]}",
                field=f"result.data[{i}]",
            )
        candle_at = epoch_ms_to_datetime(payload, raw[0], field=f"result.data[{i}][0]")
        o, h, low, c = (
            _number(payload, v, f"result.data[{i}][{j + 1}]", required=True)
            for j, v in enumerate(raw[1:])
        )
        rows.append(
            {
                "currency": currency,
                "date": candle_at.date(),
                "candle_at": candle_at,
                "open": o,
                "high": h,
                "low": low,
                "close": c,
            }
        )
    return pl.DataFrame(rows, schema=RAW_VOLATILITY_INDEX_SCHEMA, orient="row")


def parse_expiry(payload: Payload, code: str, field: str) -> date:
    """``5JAN24`` / ``27JUN25`` -> date."""
    match = re.fullmatch(r"(\d{1,2})([A-Z]{3})(\d{2})", code)
    month = MONTH_ABBREVIATIONS.get(match[2].lower()) if match else None
    if match is None or month is None:
        raise payload.error(f"bad expiry code {code!r}", field=field)
    try:
        return date(2000 + int(match[3]), month, int(match[1]))
    except ValueError as exc:
        raise payload.error(f"bad expiry code {code!r}: {exc}", field=field) from exc


def instrument(payload: Payload, name: str, field: str) -> dict[str, Any]:
    """Instrument name -> type, expiry, strike, call/put."""
    out: dict[str, Any] = {
        "instrument_type": None,
        "expiry_date": None,
        "strike": None,
        "option_type": None,
    }
    if "-FS-" in name:
        out["instrument_type"] = "future_combo"
    elif "PERPETUAL" in name:
        out["instrument_type"] = "perpetual"
    elif match := _OPTION.match(name):
        out.update(
            instrument_type="option",
            expiry_date=parse_expiry(payload, match["exp"], field),
            # Fractional strikes are written with a "d" (e.g. XRP options: 0d625).
            strike=float(match["strike"].replace("d", ".")),
            option_type="call" if match["cp"] == "C" else "put",
        )
    elif match := _FUTURE.match(name):
        out.update(instrument_type="future", expiry_date=parse_expiry(payload, match["exp"], field))
    else:
        raise payload.error(f"unrecognised instrument name {name!r}", field=field)
    return out


def snapshot_day(snapshot_at: datetime) -> date:
    """A snapshot is labelled with the last UTC day closed when it was taken (00:05 on D+1 -> D)."""
    return snapshot_at.date() - timedelta(days=1)


def parse_book_summaries(payload: Payload) -> pl.DataFrame:
    """A ``get_book_summary_by_currency`` snapshot: a row per instrument, null fields kept null."""
    result = _result(payload)
    if not isinstance(result, list):
        raise payload.error(
            f"expected result to be an array, got {type(result).__name__}", field="result"
        )
    currency, kind = payload.params.get("currency"), payload.params.get("kind")
    if not currency or not kind:
        raise payload.error("request had no currency/kind parameter", field="currency")
    rows = []
    for i, raw in enumerate(result):
        where = f"result[{i}]"
        name = require(payload, raw, "instrument_name", where=f" in {where}")
        if not isinstance(name, str):
            raise payload.error(
                f"instrument_name is not a string: {name!r}", field=f"{where}.instrument_name"
            )
        snapshot_at = epoch_ms_to_datetime(
            payload,
            require(payload, raw, "creation_timestamp", where=f" in {where}"),
            field=f"{where}.creation_timestamp",
        )
        parsed = instrument(payload, name, f"{where}.instrument_name")
        expiry = parsed["expiry_date"]

        def num(key: str, raw: dict = raw, where: str = where) -> float | None:
            return _number(payload, raw.get(key), f"{where}.{key}")

        rows.append(
            {
                "currency": currency,
                "kind": kind,
                "date": snapshot_day(snapshot_at),
                "snapshot_at": snapshot_at,
                "instrument_name": name,
                **parsed,
                "expiry_at": datetime.combine(expiry, EXPIRY_TIME, tzinfo=UTC) if expiry else None,
                "mark_price": num("mark_price"),
                "mark_iv": num("mark_iv"),
                "bid_price": num("bid_price"),
                "ask_price": num("ask_price"),
                "mid_price": num("mid_price"),
                "last_price": num("last"),
                "volume": num("volume"),
                "volume_usd": num("volume_usd"),
                "open_interest": num("open_interest"),
                "underlying_price": num("underlying_price"),
                "underlying_index": raw.get("underlying_index"),
                "estimated_delivery_price": num("estimated_delivery_price"),
                "interest_rate": num("interest_rate"),
                "current_funding": num("current_funding"),
                "funding_8h": num("funding_8h"),
            }
        )
    return pl.DataFrame(rows, schema=RAW_BOOK_SUMMARIES_SCHEMA, orient="row")
