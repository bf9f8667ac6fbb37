"""Pure parser: alternative.me ``/fng/`` payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from ingestion.payloads import Payload, require, to_int

RAW_FEAR_GREED_SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(),
    "value": pl.Int64(),
    "classification": pl.String(),
    "timestamp_s": pl.Int64(),
}


def parse_fear_greed(payload: Payload) -> pl.DataFrame:
    """Every record of the payload (newest first on the wire; returned oldest first)."""
    body = payload.json()
    if not isinstance(body, dict):
        raise payload.error(f"expected a JSON object, got {type(body).__name__}")
    metadata = require(payload, body, "metadata")
    error = require(payload, metadata, "error", where=" in metadata")
    if error is not None:
        raise payload.error(f"API reported an error: {error!r}", field="metadata.error")
    data = require(payload, body, "data")
    if not isinstance(data, list):
        raise payload.error(f"expected an array, got {type(data).__name__}", field="data")
    rows = []
    seen: dict[object, int] = {}
    for i, record in enumerate(data):
        where = f" in data[{i}]"
        value = to_int(
            payload, require(payload, record, "value", where=where), field=f"data[{i}].value"
        )
        if not 0 <= value <= 100:
            raise payload.error(f"index value {value} outside 0..100", field=f"data[{i}].value")
        label = require(payload, record, "value_classification", where=where)
        if not isinstance(label, str) or not label.strip():
            raise payload.error(
                f"expected a non-empty label, got {label!r}",
                field=f"data[{i}].value_classification",
            )
        seconds = to_int(
            payload,
            require(payload, record, "timestamp", where=where),
            field=f"data[{i}].timestamp",
        )
        day = datetime.fromtimestamp(seconds, tz=UTC).date()
        if day in seen:
            raise payload.error(
                f"two records for {day} (data[{seen[day]}] and data[{i}])",
                field=f"data[{i}].timestamp",
            )
        seen[day] = i
        rows.append((day, value, label, seconds))
    rows.sort(key=lambda row: row[0])
    return pl.DataFrame(rows, schema=RAW_FEAR_GREED_SCHEMA, orient="row")
