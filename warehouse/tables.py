"""Transactional writes into the raw layer and the fetch log.

``replace_partition`` replaces, inside one transaction, the (series, day) keys of the run's date
window that the new answer actually contains: an empty or partial answer never deletes what was
loaded before, a failed or killed load leaves the previous rows intact, and re-running a window
yields the same rows. Identifiers come only from code constants (RawTable), values are bound
parameters.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import polars as pl

from warehouse import lake
from warehouse.relations import table_columns

_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")

METADATA_COLUMNS: dict[str, str] = {
    "_batch_id": "VARCHAR",
    "_loaded_at": "TIMESTAMPTZ",
    "_source_mode": "VARCHAR",
}
LANDING_PATH_COLUMN = "_landing_path"
PAYLOAD_SHA_COLUMN = "_payload_sha256"

# meta.fetch_log.outcome: what a payload brought to its raw table.
LOADED = "loaded"
# Parsed fine but had no row in the load window ([] during maintenance, `data: []`, a header-only
# CSV, only the still-open candle): nothing was replaced, the rows loaded before stay.
EMPTY_ANSWER = "empty answer"
FAILED = "error"
# The label of a table's only series when it has no series columns (one index, one snapshot).
WHOLE_TABLE_SERIES = "all"


class LoadError(RuntimeError):
    """A frame does not fit its raw table (rows outside the window, a changed column type)."""


def _ident(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise LoadError(f"refusing identifier {name!r}: only [a-z0-9_] names from code are used")
    return name


@dataclass(frozen=True)
class RawTable:
    source: str
    entity: str
    date_column: str = "date"

    @property
    def schema(self) -> str:
        return _ident(f"raw_{self.source}")

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{_ident(self.entity)}"


@dataclass(frozen=True)
class Batch:
    source_mode: str
    batch_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass(frozen=True)
class FetchRecord:
    source: str
    endpoint: str
    params: Mapping[str, str]
    status: int
    bytes: int
    sha256: str
    landing_path: str | None
    fetched_at: datetime
    rows_parsed: int | None = None
    error: str | None = None
    # What the payload was fetched for: the raw table, the series (see series_label) and the
    # load window, so a missing day can be traced to the answer that should have brought it.
    table_name: str | None = None
    series: str | None = None
    window_start: date | None = None
    window_end: date | None = None
    outcome: str | None = None
    # Exact repeats of a record (inside the payload or of an earlier page's) kept once.
    duplicates_collapsed: int | None = None


def series_label(values: Iterable[object]) -> str:
    """How a series is named in the fetch log and the gap check: its key values joined by '/'."""
    return "/".join(str(v) for v in values) or WHOLE_TABLE_SERIES


# Columns added to meta.fetch_log after it was first created; older warehouses get them on the
# next write (old rows keep null).
_FETCH_LOG_ADDED = {
    "table_name": "varchar",
    "series": "varchar",
    "window_start": "date",
    "window_end": "date",
    "outcome": "varchar",
    "duplicates_collapsed": "bigint",
}
_FETCH_LOG_COLUMNS = (
    "source",
    "endpoint",
    "params",
    "status",
    "bytes",
    "sha256",
    "landing_path",
    "fetched_at",
    "rows_parsed",
    "error",
    "batch_id",
    *_FETCH_LOG_ADDED,
)


def ensure_meta(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("create schema if not exists meta")
    conn.execute(
        """
        create table if not exists meta.fetch_log (
            source varchar not null, endpoint varchar not null, params json, status integer,
            bytes bigint, sha256 varchar, landing_path varchar, fetched_at timestamptz not null,
            rows_parsed bigint, error varchar, batch_id varchar
        )
        """
    )
    present = table_columns(conn, "meta", "fetch_log")
    for column, column_type in _FETCH_LOG_ADDED.items():
        if column not in present:
            conn.execute(f"alter table meta.fetch_log add column {column} {column_type}")
    conn.execute(
        """
        create table if not exists meta.load_log (
            batch_id varchar not null, table_name varchar not null, window_start date,
            window_end date, rows_deleted bigint, rows_inserted bigint, source_mode varchar,
            loaded_at timestamptz not null
        )
        """
    )


def log_fetches(
    conn: duckdb.DuckDBPyConnection, records: Iterable[FetchRecord], *, batch_id: str
) -> int:
    records = list(records)
    if not records:
        return 0
    ensure_meta(conn)
    # One columnar insert: executemany costs ~1 ms a row in DuckDB, and a snapshot backfill
    # logs thousands of payloads.
    rows = pl.DataFrame(
        {
            "source": [r.source for r in records],
            "endpoint": [r.endpoint for r in records],
            "params": [json.dumps(dict(r.params), sort_keys=True) for r in records],
            "status": [r.status for r in records],
            "bytes": [r.bytes for r in records],
            "sha256": [r.sha256 for r in records],
            "landing_path": [r.landing_path for r in records],
            "fetched_at": [r.fetched_at for r in records],
            "rows_parsed": [r.rows_parsed for r in records],
            "error": [r.error for r in records],
            "batch_id": [batch_id] * len(records),
            "table_name": [r.table_name for r in records],
            "series": [r.series for r in records],
            "window_start": [r.window_start for r in records],
            "window_end": [r.window_end for r in records],
            "outcome": [r.outcome for r in records],
            "duplicates_collapsed": [r.duplicates_collapsed for r in records],
        },
        schema={
            "source": pl.String,
            "endpoint": pl.String,
            "params": pl.String,
            "status": pl.Int32,
            "bytes": pl.Int64,
            "sha256": pl.String,
            "landing_path": pl.String,
            "fetched_at": pl.Datetime("us", "UTC"),
            "rows_parsed": pl.Int64,
            "error": pl.String,
            "batch_id": pl.String,
            "table_name": pl.String,
            "series": pl.String,
            "window_start": pl.Date,
            "window_end": pl.Date,
            "outcome": pl.String,
            "duplicates_collapsed": pl.Int64,
        },
    )
    columns = ", ".join(_FETCH_LOG_COLUMNS)
    conn.register("fetch_log_rows", rows.to_arrow())
    try:
        conn.execute(f"insert into meta.fetch_log ({columns}) select {columns} from fetch_log_rows")
    finally:
        conn.unregister("fetch_log_rows")
    return len(records)


def _table_columns(conn: duckdb.DuckDBPyConnection, table: RawTable) -> dict[str, str]:
    return table_columns(conn, table.schema, table.entity)


def replace_partition(
    conn: duckdb.DuckDBPyConnection,
    table: RawTable,
    frame: pl.DataFrame,
    *,
    start: date,
    end: date,
    batch: Batch,
    series: tuple[str, ...] = (),
    keep_versions: bool = False,
    merge_on: tuple[str, ...] | None = None,
    lake_dir: Path | None = None,
) -> dict[str, int]:
    """Load ``frame`` into ``table`` for the window [start, end]: each (series, day) the frame has
    rows for is replaced by them; a (series, day) of the window the frame does not contain keeps
    its rows. ``series`` names the columns of one series (symbol; currency and kind; a FRED id;
    none for a single index): an answer that came back empty for one symbol, or that stopped a
    day short, deletes nothing, and the next answer that has the day replaces it.

    With ``keep_versions`` (sources that revise what they published: ETF flows, calendars) the
    window's earlier versions stay and nothing is deleted; rows of a payload already loaded
    (same ``_payload_sha256``) are not inserted again, so re-running the same fetch adds
    nothing and keeps the time that content was first fetched (as-of queries read it), while a
    revised page adds a new version. Staging then picks the latest version per key.

    With ``merge_on`` (endpoints that only serve a recent stretch, e.g. open interest's 30 days)
    the replaced keys are exactly these columns (open interest: symbol and date, the same keys
    as its series and day): days the API no longer returns are kept, and re-running a window
    leaves exactly one row per key.

    With ``lake_dir`` the months of the window are mirrored to the raw lake (warehouse/lake.py):
    written inside the transaction, so a failed export rolls the load back, and renamed into
    place once it has committed.
    """
    if table.date_column not in frame.columns:
        raise LoadError(f"{table.qualified}: frame has no date column {table.date_column!r}")
    outside = frame.filter(~pl.col(table.date_column).is_between(start, end))
    if outside.height:
        first = outside.get_column(table.date_column).min()
        raise LoadError(
            f"{table.qualified}: {outside.height} rows fall outside the window {start}..{end} "
            f"(first {first}); filter to the window before loading"
        )
    columns = [_ident(c) for c in frame.columns]
    incoming = f"incoming_{uuid.uuid4().hex[:12]}"
    conn.register(incoming, frame.to_arrow())
    staged: lake.Staged | None = None
    try:
        if not _table_columns(conn, table):
            # The first load creates the table empty, committed on its own: DuckDB (2.0.0) shows
            # a filtered read no row that a transaction inserted into a table the same
            # transaction created, once they fill more than one row group (~123,000 rows), and
            # the lake export reads the load's months with a filter inside its transaction
            # (tests/warehouse/test_lake.py, a first load of 130,000 rows). An empty table left
            # by a failed first load reads as one with nothing loaded.
            conn.execute(f"create schema if not exists {table.schema}")
            meta = ", ".join(f"null::{t} as {c}" for c, t in METADATA_COLUMNS.items())
            conn.execute(
                f"create table if not exists {table.qualified} as "
                f"select *, {meta} from {incoming} limit 0"
            )
        conn.execute("begin transaction")
        try:
            existing = _table_columns(conn, table)
            incoming_types = dict(
                conn.execute(
                    f"select column_name, column_type from (describe {incoming})"
                ).fetchall()
            )
            for column in columns:
                if column not in existing:
                    # Schema drift: a new field is added as a nullable column, old rows keep null.
                    conn.execute(
                        f"alter table {table.qualified} "
                        f"add column {column} {incoming_types[column]}"
                    )
                elif (
                    existing[column] != incoming_types[column]
                    and incoming_types[column] != '"NULL"'
                ):
                    raise LoadError(
                        f"{table.qualified}.{column}: type changed from {existing[column]} to "
                        f"{incoming_types[column]}; refusing to load"
                    )
            window = f"{_ident(table.date_column)} between ? and ?"
            column_list = ", ".join([*columns, *METADATA_COLUMNS])
            selected = f"select {', '.join(columns)}, ?, ?, ? from {incoming}"
            lineage = [batch.batch_id, batch.loaded_at, batch.source_mode]
            if keep_versions:
                # A revision (even to "not reported") is a new version, never a delete; a
                # payload already loaded (same content) adds nothing and keeps the time it was
                # first fetched, which as-of queries read.
                if PAYLOAD_SHA_COLUMN not in columns:
                    raise LoadError(f"{table.qualified}: versioned load needs {PAYLOAD_SHA_COLUMN}")
                deleted = 0
                (inserted,) = conn.execute(
                    f"insert into {table.qualified} ({column_list}) {selected} "
                    f"where {PAYLOAD_SHA_COLUMN} not in (select {PAYLOAD_SHA_COLUMN} "
                    f"from {table.qualified} where {window})",
                    [*lineage, start, end],
                ).fetchone()
            else:
                key_columns = merge_on or (*series, table.date_column)
                missing = [c for c in key_columns if c not in columns]
                if missing:
                    raise LoadError(f"{table.qualified}: frame has no key column(s) {missing}")
                keys = ", ".join(_ident(c) for c in key_columns)
                (deleted,) = conn.execute(
                    f"delete from {table.qualified} where {window} "
                    f"and ({keys}) in (select distinct ({keys}) from {incoming})",
                    [start, end],
                ).fetchone()
                (inserted,) = conn.execute(
                    f"insert into {table.qualified} ({column_list}) {selected}", lineage
                ).fetchone()
            ensure_meta(conn)
            conn.execute(
                "insert into meta.load_log values (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    batch.batch_id,
                    table.qualified,
                    start,
                    end,
                    deleted,
                    inserted,
                    batch.source_mode,
                    batch.loaded_at,
                ],
            )
            if lake_dir is not None:
                staged = lake.stage_window(conn, table, start, end, lake_dir)
            conn.execute("commit")
        except BaseException:
            conn.execute("rollback")
            if staged is not None:
                staged.discard()
            raise
    finally:
        conn.unregister(incoming)
    if staged is not None:
        staged.publish()
    return {"rows_deleted": int(deleted), "rows_inserted": int(inserted)}


UNIVERSE_TABLE = "meta.universe"


def replace_universe(
    conn: duckdb.DuckDBPyConnection,
    rows: list[tuple[str, str, str, str]],
    *,
    lake_dir: Path | None = None,
) -> int:
    """Replace meta.universe (kind, venue, asset, symbol) with ``rows`` in one transaction;
    with ``lake_dir``, its lake file too (written before the commit, renamed after it)."""
    ensure_meta(conn)
    conn.execute("begin transaction")
    staged: lake.Staged | None = None
    try:
        conn.execute(
            f"create or replace table {UNIVERSE_TABLE} "
            "(kind varchar, venue varchar, asset varchar, symbol varchar)"
        )
        if rows:
            conn.executemany(f"insert into {UNIVERSE_TABLE} values (?, ?, ?, ?)", rows)
        if lake_dir is not None:
            staged = lake.stage(conn, lake.LakeTable(*lake.UNIVERSE, None), lake_dir)
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        if staged is not None:
            staged.discard()
        raise
    if staged is not None:
        staged.publish()
    return len(rows)
