"""Turning a run's payloads into one raw frame: parse each, tag rows with their landing file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

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
