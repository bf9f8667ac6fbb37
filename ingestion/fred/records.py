"""Pure parser: FRED ``fredgraph.csv`` payload -> polars frame with an explicit raw schema."""

from __future__ import annotations

import csv
import io
import math
from datetime import date

import polars as pl

from ingestion.payloads import Payload

RAW_OBSERVATIONS_SCHEMA: dict[str, pl.DataType] = {
    "series_id": pl.String(),
    "date": pl.Date(),
    "value": pl.Float64(),
}

# FRED renamed the first column from DATE to observation_date in late 2024.
_DATE_HEADERS = ("observation_date", "DATE")
# How FRED writes a missing observation (a holiday): ``.``, and in some files a blank field on
# a complete line. A body cut mid-record (``2025-11-14,`` with no final newline, or a last line
# short of fields) is an error, never a missing value: fredgraph.csv always ends with a newline.
_MISSING = (".", "")


def _column(header: list[str], index: int) -> str:
    return header[index].strip() if 0 <= index < len(header) else f"column {index + 1}"


def parse_observations(payload: Payload) -> pl.DataFrame:
    """One series' observations; ``.`` and blank values on complete lines are null."""
    series_id = payload.params.get("id")
    if not series_id:
        raise payload.error("request had no id parameter", field="id")
    text = payload.text().lstrip("\ufeff")
    head = text.lstrip()[:200].lower()
    if "html" in payload.content_type.lower() or head.startswith("<"):
        raise payload.error(
            f"expected CSV, got an HTML page (unknown series or outage); starts {text[:80]!r}",
            field="header",
        )
    lines = list(csv.reader(io.StringIO(text)))
    if not lines:
        raise payload.error("empty body, expected a CSV header", field="header")
    # fredgraph.csv always ends its last line with a newline: without one the body was cut.
    if not text.endswith("\n"):
        number = len(lines)
        last = lines[-1]
        raise payload.error(
            f"line {number}: body ends mid-record {','.join(last)!r} without the final newline "
            "(truncated body)",
            field=f"line {number}.{_column(lines[0], len(last) - 1)}",
        )
    header = [cell.strip() for cell in lines[0]]
    if len(header) != 2 or header[0] not in _DATE_HEADERS or header[1] != series_id:
        raise payload.error(
            f"expected header 'observation_date,{series_id}' (or 'DATE,{series_id}'), "
            f"got {lines[0]!r}",
            field="header",
        )
    rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not cells or cells == [""]:
            continue
        if len(cells) < 2:
            raise payload.error(
                f"line {number}: {len(cells)} of 2 fields, got {cells!r} (truncated record)",
                field=f"line {number}.{_column(header, len(cells))}",
            )
        if len(cells) != 2:
            raise payload.error(
                f"line {number}: expected 2 cells, got {cells!r}", field=f"line {number}"
            )
        try:
            day = date.fromisoformat(cells[0].strip())
        except ValueError as exc:
            raise payload.error(
                f"line {number}: bad date {cells[0]!r}", field=f"line {number}.{header[0]}"
            ) from exc
        raw = cells[1].strip()
        value: float | None = None
        if raw not in _MISSING:
            try:
                value = float(raw)
            except ValueError as exc:
                raise payload.error(
                    f"line {number}: expected a number or '.', got {raw!r}",
                    field=f"line {number}.{series_id}",
                ) from exc
            if not math.isfinite(value):
                raise payload.error(
                    f"line {number}: expected a finite number, got {raw!r}",
                    field=f"line {number}.{series_id}",
                )
        rows.append((series_id, day, value))
    frame = pl.DataFrame(rows, schema=RAW_OBSERVATIONS_SCHEMA, orient="row")
    if frame["date"].is_duplicated().any():
        dupes = frame.filter(pl.col("date").is_duplicated())["date"].unique().sort().to_list()
        raise payload.error(f"dates repeated: {dupes[:5]}", field=header[0])
    return frame
