"""Turning a run's payloads into one raw frame: parse each, tag rows with their landing file,
collapse exact duplicate records and refuse conflicting ones."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC

import polars as pl

from ingestion.payloads import Payload

LANDING_PATH_COLUMN = "_landing_path"
PAYLOAD_SHA_COLUMN = "_payload_sha256"
# Which payload a row came from, while duplicates are judged (never leaves this module).
_PAYLOAD_INDEX = "_payload_index"


@dataclass(frozen=True)
class ParsedBatch:
    """One fetch's rows, and how many exact duplicate rows were collapsed into them (for the
    fetch log: overlapping pages and repeated records are expected, but worth counting)."""

    frame: pl.DataFrame
    duplicates_collapsed: int
    # The same count per payload (by landing path, as in LANDING_PATH_COLUMN): a repeated row
    # counts against the payload it was dropped from (the later one; the first seen is kept).
    duplicates_per_payload: Mapping[str, int] = field(default_factory=dict)


def parse_batch(
    payloads: Iterable[Payload],
    parse: Callable[[Payload], pl.DataFrame],
    schema: Mapping[str, pl.DataType],
    *,
    key: Sequence[str] = (),
) -> ParsedBatch:
    """Parse every payload of one fetch (all or nothing) and stack the frames, each row naming
    its landing file and the sha256 of the payload it came from (the version key of versioned
    tables).

    With a ``key`` (the columns that identify a record within one fetch), rows repeated exactly,
    inside a page or across overlapping pages, are kept once (the first seen); two rows with the
    same key and different values fail the whole fetch, naming both, before anything is written.
    """
    missing = [column for column in key if column not in schema]
    if missing:
        raise ValueError(f"key columns {missing} are not in the schema {list(schema)}")
    payloads = list(payloads)
    frames = [
        parse(payload).with_columns(
            pl.lit(str(payload.landing_path)).alias(LANDING_PATH_COLUMN),
            pl.lit(payload.sha256).alias(PAYLOAD_SHA_COLUMN),
            pl.lit(index, dtype=pl.Int64).alias(_PAYLOAD_INDEX),
        )
        for index, payload in enumerate(payloads)
    ]
    if not frames:
        empty = pl.DataFrame(
            schema={**schema, LANDING_PATH_COLUMN: pl.String, PAYLOAD_SHA_COLUMN: pl.String}
        )
        return ParsedBatch(empty, 0)
    frame = pl.concat(frames, how="vertical")
    collapsed = 0
    per_payload: dict[str, int] = {}
    if key:
        values = [c for c in frame.columns if c not in _TAGS]
        unique = frame.unique(subset=values, keep="first", maintain_order=True)
        collapsed = frame.height - unique.height
        _fail_on_conflicts(unique, key, values, payloads)
        if collapsed:
            before = frame[_PAYLOAD_INDEX].value_counts()
            after = dict(unique[_PAYLOAD_INDEX].value_counts().iter_rows())
            per_payload = {
                str(payloads[index].landing_path): count - after.get(index, 0)
                for index, count in before.iter_rows()
                if count > after.get(index, 0)
            }
        frame = unique
    return ParsedBatch(frame.drop(_PAYLOAD_INDEX), collapsed, per_payload)


_TAGS = (LANDING_PATH_COLUMN, PAYLOAD_SHA_COLUMN, _PAYLOAD_INDEX)


def _fail_on_conflicts(
    frame: pl.DataFrame, key: Sequence[str], values: list[str], payloads: list[Payload]
) -> None:
    rows_per_key = (
        frame.with_row_index("_row")
        .group_by(list(key), maintain_order=True)
        .agg(pl.col("_row"))
        .filter(pl.col("_row").list.len() > 1)
    )
    if rows_per_key.is_empty():
        return
    rows = rows_per_key["_row"][0]
    first, second = frame.row(rows[0], named=True), frame.row(rows[1], named=True)
    differing = [c for c in values if c not in key and first[c] != second[c]]
    payload = payloads[second[_PAYLOAD_INDEX]]
    other = payloads[first[_PAYLOAD_INDEX]]
    key_text = ", ".join(f"{c}={_shown(first[c])}" for c in key)
    both = "; ".join(f"{c}: {_shown(first[c])} vs {_shown(second[c])}" for c in differing)
    raise payload.error(
        f"conflicting duplicate records for key ({key_text}): {both} "
        f"(first in {other.landing_path or 'an unlanded payload'}, "
        f"then in {payload.landing_path or 'an unlanded payload'}); "
        f"{rows_per_key.height} key(s) conflict",
        field=", ".join(differing) or ", ".join(key),
    )


def _shown(value: object) -> str:
    return repr(value) if value is None or isinstance(value, str) else str(value)


def parse_payloads(
    payloads: Iterable[Payload],
    parse: Callable[[Payload], pl.DataFrame],
    schema: Mapping[str, pl.DataType],
    *,
    key: Sequence[str] = (),
) -> pl.DataFrame:
    """The rows of :func:`parse_batch` (its count of collapsed duplicates dropped)."""
    return parse_batch(payloads, parse, schema, key=key).frame


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
