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
# How FRED writes a missing observation (a holiday): "." in the classic export, empty lately.
_MISSING = (".", "")


def parse_observations(payload: Payload) -> pl.DataFrame:
    """One series' observations; ``.``/empty values are null."""
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
