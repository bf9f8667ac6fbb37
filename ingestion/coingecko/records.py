"""Pure parser: CoinGecko ``/global`` payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import polars as pl

from ingestion.payloads import Payload, epoch_s_to_datetime, require, to_decimal, to_int

USD = pl.Decimal(38, 4)
_USD_QUANTUM = Decimal("0.0001")

RAW_GLOBAL_SNAPSHOTS_SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(),
    "updated_at": pl.Datetime("us", "UTC"),
    "total_market_cap_usd": USD,
    "total_volume_usd": USD,
    "btc_dominance": pl.Float64(),
    "eth_dominance": pl.Float64(),
    "active_cryptocurrencies": pl.Int64(),
}


def _usd(payload: Payload, value: Any, *, field: str, required: bool) -> Decimal | None:
    number = to_decimal(payload, value, field=field)
    if number is None:
        if required:
            raise payload.error("empty value", field=field)
        return None
    if number < 0:
        raise payload.error(f"negative amount {value!r}", field=field)
    try:
        return number.quantize(_USD_QUANTUM)
    except InvalidOperation as exc:
        raise payload.error(f"amount out of range: {value!r}", field=field) from exc


def _share(payload: Payload, value: Any, *, field: str) -> float | None:
    """Percent points on the wire (54.1) -> fraction (0.541)."""
    number = to_decimal(payload, value, field=field)
    if number is None:
        return None
    if not 0 <= number <= 100:
        raise payload.error(f"percentage {value!r} outside 0..100", field=field)
    return float(number / 100)


def parse_global_snapshots(payload: Payload) -> pl.DataFrame:
    """One row: the snapshot, dated by the UTC day of ``updated_at``.

    Required: total market cap (USD), BTC share and ``updated_at``. The USD volume, ETH share and
    coin count are nullable inside their objects (the bundled sample has no real figures for
    them); the objects themselves must be present, so a renamed field still fails loudly."""
    body = payload.json()
    if not isinstance(body, dict):
        raise payload.error(f"expected a JSON object, got {type(body).__name__}")
    status = body.get("status")
    if isinstance(status, dict) and status.get("error_code") is not None:
        raise payload.error(
            f"API error {status.get('error_code')!r}: {status.get('error_message')!r}",
            field="status.error_code",
        )
    if "error" in body:
        raise payload.error(f"API error: {body['error']!r}", field="error")
    data = require(payload, body, "data")
    market_cap = require(payload, data, "total_market_cap", where=" in data")
    volume = require(payload, data, "total_volume", where=" in data")
    shares = require(payload, data, "market_cap_percentage", where=" in data")
    if not isinstance(volume, dict):
        raise payload.error(
            f"expected an object, got {type(volume).__name__}", field="data.total_volume"
        )
    if not isinstance(shares, dict):
        raise payload.error(
            f"expected an object, got {type(shares).__name__}", field="data.market_cap_percentage"
        )
    updated_at = epoch_s_to_datetime(
        payload, require(payload, data, "updated_at", where=" in data"), field="data.updated_at"
    )
    count = data.get("active_cryptocurrencies")
    row = {
        "date": updated_at.date(),
        "updated_at": updated_at,
        "total_market_cap_usd": _usd(
            payload,
            require(payload, market_cap, "usd", where=" in data.total_market_cap"),
            field="data.total_market_cap.usd",
            required=True,
        ),
        "total_volume_usd": _usd(
            payload, volume.get("usd"), field="data.total_volume.usd", required=False
        ),
        "btc_dominance": _share(
            payload,
            require(payload, shares, "btc", where=" in data.market_cap_percentage"),
            field="data.market_cap_percentage.btc",
        ),
        "eth_dominance": _share(payload, shares.get("eth"), field="data.market_cap_percentage.eth"),
        "active_cryptocurrencies": None
        if count is None
        else to_int(payload, count, field="data.active_cryptocurrencies"),
    }
    if row["btc_dominance"] is None:
        raise payload.error("empty value", field="data.market_cap_percentage.btc")
    return pl.DataFrame([row], schema=RAW_GLOBAL_SNAPSHOTS_SCHEMA)
