"""Turning a run's payloads into one raw frame: parse each, tag rows with their landing file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC

import polars as pl

from ingestion.payloads import Payload

LANDING_PATH_COLUMN = "_landing_path"
PAYLOAD_SHA_COLUMN = "_payload_sha256"


def parse_payloads(
    payloads: Iterable[Payload],
    parse: Callable[[Payload], pl.DataFrame],
    schema: Mapping[str, pl.DataType],
) -> pl.DataFrame:
    """Parse every payload (all or nothing) and stack the frames, each row naming its landing
    file and the sha256 of the payload it came from (the version key of versioned tables)."""
    frames = [
        parse(payload).with_columns(
            pl.lit(str(payload.landing_path)).alias(LANDING_PATH_COLUMN),
            pl.lit(payload.sha256).alias(PAYLOAD_SHA_COLUMN),
        )
        for payload in payloads
    ]
    if not frames:
        return pl.DataFrame(
            schema={**schema, LANDING_PATH_COLUMN: pl.String, PAYLOAD_SHA_COLUMN: pl.String}
        )
    return pl.concat(frames, how="vertical")


def parsed_once_per_body(
    rows: Callable[[Payload], pl.DataFrame], schema: Mapping[str, pl.DataType], *, size: int = 16
) -> Callable[[Payload], pl.DataFrame]:
    """For snapshot pages that repeat byte for byte from day to day (calendars): parse each
    distinct body once, then stamp every payload's rows with its own fetch day and time."""
    memo: dict[str, pl.DataFrame] = {}

    def parse(payload: Payload) -> pl.DataFrame:
        frame = memo.get(payload.sha256)
        if frame is None:
            frame = rows(payload)
            if len(memo) >= size:
                memo.pop(next(iter(memo)))
            memo[payload.sha256] = frame
        fetched_at = payload.fetched_at.astimezone(UTC)
        return frame.with_columns(
            pl.lit(fetched_at.date(), dtype=pl.Date).alias("date"),
            pl.lit(fetched_at, dtype=pl.Datetime("us", "UTC")).alias("fetched_at"),
        ).select(list(schema))

    return parse
