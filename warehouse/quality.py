"""Queries behind the raw-layer checks: gaps in daily series and the last load's payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from warehouse.tables import RawTable, _ident


@dataclass(frozen=True)
class Gap:
    key: str
    after: date
    before: date

    @property
    def missing_days(self) -> int:
        return (self.before - self.after).days - 1


def daily_gaps(
    conn: duckdb.DuckDBPyConnection, table: RawTable, partition_by: tuple[str, ...] = ()
) -> list[Gap]:
    """Holes between consecutive dates of a daily series (per ``partition_by`` key)."""
    key = " || '/' || ".join(f"cast({_ident(c)} as varchar)" for c in partition_by) or "'all'"
    date_col = _ident(table.date_column)
    rows = conn.execute(
        f"""
        with days as (select distinct {key} as k, {date_col} as d from {table.qualified}),
        steps as (select k, d, lead(d) over (partition by k order by d) as next_d from days)
        select k, d, next_d from steps where next_d - d > 1 order by k, d
        """
    ).fetchall()
    return [Gap(k, d, n) for k, d, n in rows]


@dataclass(frozen=True)
class LoadSummary:
    batch_id: str | None
    payloads: int
    bytes: int
    rows_parsed: int
    errors: list[str]


def last_load(conn: duckdb.DuckDBPyConnection, table: RawTable) -> LoadSummary:
    """The payloads behind the most recent batch written to ``table``."""
    batch = conn.execute(
        f"select _batch_id from {table.qualified} order by _loaded_at desc limit 1"
    ).fetchall()
    if not batch:
        return LoadSummary(None, 0, 0, 0, [])
    batch_id = batch[0][0]
    payloads, size, parsed = conn.execute(
        "select count(*), coalesce(sum(bytes), 0), coalesce(sum(rows_parsed), 0) "
        "from meta.fetch_log where batch_id = ?",
        [batch_id],
    ).fetchall()[0]
    errors = [
        e
        for (e,) in conn.execute(
            "select error from meta.fetch_log where batch_id = ? and error is not null", [batch_id]
        ).fetchall()
    ]
    return LoadSummary(batch_id, int(payloads), int(size), int(parsed), errors)
