"""Pure parser: CoinGlass payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

import polars as pl

from ingestion.payloads import Payload, epoch_ms_to_datetime, require, to_decimal

USD = pl.Decimal(38, 6)

RAW_LIQUIDATIONS_SCHEMA: dict[str, pl.DataType] = {
    "symbol": pl.String(),
    "date": pl.Date(),
    "period_at": pl.Datetime("us", "UTC"),
    "long_liquidation_usd": USD,
    "short_liquidation_usd": USD,
}


def parse_liquidations(payload: Payload) -> pl.DataFrame:
    """An aggregated-history page. ``code`` must be the string ``"0"`` even on HTTP 200; USD
    values may be numbers (aggregated endpoint) or strings (pair endpoint): both are accepted."""
    body = payload.json()
    if not isinstance(body, dict):
        raise payload.error(f"expected a JSON object, got {type(body).__name__}")
    code = require(payload, body, "code")
    if str(code) != "0":
        raise payload.error(f"CoinGlass error code={code!r} msg={body.get('msg')!r}", field="code")
    data = require(payload, body, "data")
    if not isinstance(data, list):
        raise payload.error(
            f"expected data to be an array, got {type(data).__name__}", field="data"
        )
    symbol = payload.params.get("symbol")
    if not symbol:
        raise payload.error("request had no symbol parameter", field="symbol")
    rows = []
    for i, raw in enumerate(data):
        period_at = epoch_ms_to_datetime(
            payload, require(payload, raw, "time", where=f" in data[{i}]"), field=f"data[{i}].time"
        )
        values = {}
        for key, column in (
            ("aggregated_long_liquidation_usd", "long_liquidation_usd"),
            ("aggregated_short_liquidation_usd", "short_liquidation_usd"),
        ):
            value = to_decimal(
                payload,
                require(payload, raw, key, where=f" in data[{i}]"),
                field=f"data[{i}].{key}",
            )
            if value is None or value < 0:
                raise payload.error(
                    f"row {i}: expected a non-negative amount, got {raw.get(key)!r}",
                    field=f"data[{i}].{key}",
                )
            values[column] = value
        rows.append({"symbol": symbol, "date": period_at.date(), "period_at": period_at, **values})
    return pl.DataFrame(rows, schema=RAW_LIQUIDATIONS_SCHEMA, orient="row")
