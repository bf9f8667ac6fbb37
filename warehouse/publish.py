"""The BI copy: the ``marts`` schema copied out of the writer's file, so dashboards and ad-hoc
SQL never hold a lock on the warehouse (DuckDB allows one writer, and even a read-only
connection to its file blocks it).

- ``<bi dir>/marts.duckdb`` is written to a temporary file and renamed over the old one: a
  reader that has the old copy open keeps reading it, a new reader opens the new one, and
  nobody ever sees a half-written file.
- The file's catalog is ``marts`` (its name) and the tables sit in its ``main`` schema, so
  ``select * from marts.fct_prices_daily`` reads the same in the warehouse and in the copy.
- It is written with ``STORAGE_VERSION 'v1.0.0'`` so DuckDB 1.x clients (most BI drivers) can
  open it.
- ``<bi dir>/parquet/<mart>/month=YYYY-MM/part-0.parquet`` for a mart with a ``date`` (or
  ``week_start``) column, ``<bi dir>/parquet/<mart>/part-0.parquet`` for the others: the raw
  lake's layout (``warehouse/lake.py``), each file replaced atomically.
- Incremental: every build of a mart is logged in ``meta.mart_builds`` (a dbt post-hook,
  ``dbt_project/macros/mart_builds.sql``). The copy records the newest log entry it reflects
  (``publication.builds_through``); the next publication starts from a copy of the previous file
  and rewrites only the days each mart's builds since then replaced (and only their months'
  Parquet files), so a day's copy costs the day's rows, not the history's. Without a usable
  previous copy (none, another warehouse's, no log) every mart is copied whole.
- With the versioned marts present, the copy also holds the as-of table macros
  (``etf_flows_asof(ts)``, ``macro_events_asof(ts)``, ``alerts_asof(ts)``, ``pulse_asof(ts)``;
  see ``warehouse/asof.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from warehouse import asof
from warehouse.connection import connect, connect_memory
from warehouse.lake import LakeTable, Staged, month_of, months_between, months_in, stage
from warehouse.tables import _ident

BI_STORAGE_VERSION = "v1.0.0"
BI_FILE = "marts.duckdb"


@dataclass(frozen=True)
class Publication:
    bi_path: Path
    parquet_dir: Path
    tables: dict[str, int]
    published_at: datetime
    # True when only the days changed since the previous publication were copied.
    incremental: bool = False


def mart_tables(
    conn: duckdb.DuckDBPyConnection, schema: str = "marts", *, catalog: str | None = None
) -> list[str]:
    query = (
        "select table_name from information_schema.tables "
        "where table_schema = ? and table_type = 'BASE TABLE'"
    )
    params: list[str] = [schema]
    if catalog:
        query += " and table_catalog = ?"
        params.append(catalog)
    return [name for (name,) in conn.execute(query + " order by table_name", params).fetchall()]


MART_BUILDS = "meta.mart_builds"
# A mart's Parquet files are split by month of the first of these columns it has.
PARTITION_COLUMNS = ("date", "week_start")


def record_rebuilt_marts(conn: duckdb.DuckDBPyConnection, models: list[str]) -> None:
    """Log marts written whole outside dbt's DuckDB build (a Spark build's marts loaded into
    DuckDB): the next copy then copies them whole. The table is the one the dbt post-hook
    (``crw_record_mart_build``) creates."""
    conn.execute("create schema if not exists meta")
    conn.execute(
        f"create table if not exists {MART_BUILDS} (model varchar not null, date_column varchar, "
        "from_date date, rebuilt_all boolean not null, built_at timestamptz not null)"
    )
    for model in models:
        conn.execute(f"insert into {MART_BUILDS} values (?, null, null, true, now())", [model])


@dataclass(frozen=True)
class MartChange:
    """What the builds logged since the last publication did to one mart."""

    rebuilt_all: bool
    date_column: str | None = None
    from_date: date | None = None


def _mart_changes(
    conn: duckdb.DuckDBPyConnection, builds_through: datetime | None
) -> tuple[dict[str, MartChange], datetime | None] | None:
    """Each mart's change since ``builds_through`` and the newest log entry; None when the
    warehouse has no build log (built before it existed, or marts written by other means)."""
    (has_log,) = conn.execute(
        "select count(*) from information_schema.tables where table_catalog = 'wh' "
        "and table_schema = 'meta' and table_name = 'mart_builds'"
    ).fetchone()
    if not has_log:
        return None
    (newest,) = conn.execute(f"select max(built_at) from wh.{MART_BUILDS}").fetchone()
    if builds_through is None:
        return {}, newest
    rows = conn.execute(
        f"""
        select model, bool_or(rebuilt_all), min(date_column), max(date_column), min(from_date)
        from wh.{MART_BUILDS} where built_at > ? group by model
        """,
        [builds_through],
    ).fetchall()
    changes = {
        model: MartChange(True)
        if rebuilt_all or first_column != last_column or from_date is None
        else MartChange(False, first_column, from_date)
        for model, rebuilt_all, first_column, last_column, from_date in rows
    }
    return changes, newest


def _previous(bi_path: Path, warehouse_path: Path) -> datetime | None:
    """The log entry the current copy reflects, if it is a copy of this warehouse that says."""
    if not bi_path.exists():
        return None
    try:
        conn = duckdb.connect(str(bi_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        columns = {
            name
            for (name,) in conn.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'main' and table_name = 'publication'"
            ).fetchall()
        }
        if "builds_through" not in columns:
            return None
        row = conn.execute("select source_file, builds_through from publication").fetchone()
    finally:
        conn.close()
    if row is None or row[0] != str(warehouse_path):
        return None
    return row[1]


def _columns(conn: duckdb.DuckDBPyConnection, catalog: str, schema: str, table: str) -> list[str]:
    return [
        name
        for (name,) in conn.execute(
            "select column_name from information_schema.columns where table_catalog = ? "
            "and table_schema = ? and table_name = ? order by ordinal_position",
            [catalog, schema, table],
        ).fetchall()
    ]


def _parquet_table(schema: str, table: str, columns: list[str]) -> LakeTable:
    date_column = next((c for c in PARTITION_COLUMNS if c in columns), None)
    return LakeTable(schema, table, date_column, folder=table)


def _changed_months(
    conn: duckdb.DuckDBPyConnection, table: LakeTable, parquet_dir: Path, from_date: date
) -> list[date]:
    """The months from ``from_date``'s on that the mart or its Parquet files have."""
    (last,) = conn.execute(
        f"select max({_ident(table.date_column or '')}) from {table.qualified}"
    ).fetchone()
    months = months_in(table.dir(parquet_dir)) + ([month_of(last)] if last else [])
    return months_between(from_date, max(months)) if months else []


def publish(warehouse_path: Path, bi_dir: Path, *, schema: str = "marts") -> Publication:
    """Copy every table of ``schema`` to the BI file and Parquet, atomically per file: the
    days changed since the last publication when it can (module docstring), else everything."""
    bi_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir = bi_dir / "parquet"
    parquet_dir.mkdir(exist_ok=True)
    bi_path = bi_dir / BI_FILE
    token = uuid.uuid4().hex[:12]
    tmp_db = bi_dir / f".{BI_FILE}.{token}.tmp"
    published_at = datetime.now(UTC)
    counts: dict[str, int] = {}
    staged: list[Staged] = []
    conn = connect_memory()
    try:
        conn.execute("attach ? as wh (read_only)", [str(warehouse_path)])
        conn.execute("use wh")
        tables = [t for t in mart_tables(conn, schema, catalog="wh")]
        if not tables:
            raise RuntimeError(
                f"nothing to publish: schema {schema!r} has no tables in {warehouse_path}"
            )
        builds_through = _previous(bi_path, warehouse_path) if schema == "marts" else None
        log = _mart_changes(conn, builds_through) if schema == "marts" else None
        incremental = builds_through is not None and log is not None
        changes, newest_build = log if log is not None else ({}, None)
        if incremental:
            shutil.copyfile(bi_path, tmp_db)
            conn.execute(f"attach '{tmp_db}' as bi")
            kept = set(mart_tables(conn, "main", catalog="bi")) - {"publication"}
            for gone in kept - set(tables):
                conn.execute(f"drop table bi.main.{_ident(gone)}")
            conn.execute("drop table if exists bi.main.publication")
        else:
            kept = set()
            conn.execute(f"attach '{tmp_db}' as bi (storage_version '{BI_STORAGE_VERSION}')")
        for table in tables:
            name = _ident(table)
            columns = _columns(conn, "wh", schema, table)
            same_shape = table in kept and _columns(conn, "bi", "main", table) == columns
            change = changes.get(table) if incremental and same_shape else MartChange(True)
            lake_table = _parquet_table(schema, table, columns)
            if change is None and lake_table.dir(parquet_dir).is_dir():
                pass  # no build since the last publication: the copy's table and files stand
            elif (
                change is None or change.rebuilt_all or change.date_column != lake_table.date_column
            ):
                conn.execute(
                    f"create or replace table bi.main.{name} as select * from wh.{schema}.{name}"
                )
                staged.append(stage(conn, lake_table, parquet_dir))
            else:
                day = _ident(lake_table.date_column or "")
                conn.execute(f"delete from bi.main.{name} where {day} >= ?", [change.from_date])
                conn.execute(
                    f"insert into bi.main.{name} select * from wh.{schema}.{name} where {day} >= ?",
                    [change.from_date],
                )
                months = _changed_months(conn, lake_table, parquet_dir, change.from_date)
                staged.append(stage(conn, lake_table, parquet_dir, months=months))
            counts[table] = conn.execute(f"select count(*) from bi.main.{name}").fetchall()[0][0]
        if set(asof.MACRO_TABLES) <= set(tables):
            asof.create_macros(conn, catalog="bi", v=asof.risk_vars())
        conn.execute(
            "create table bi.main.publication as select ? as published_at, ? as source_file, "
            "? as tables, ?::timestamptz as builds_through, ? as incremental",
            [published_at, str(warehouse_path), json.dumps(counts), newest_build, incremental],
        )
        conn.execute("detach bi")
        conn.execute("use memory")
        conn.execute("detach wh")
    except BaseException:
        conn.close()
        tmp_db.unlink(missing_ok=True)
        for files in staged:
            files.discard()
        raise
    conn.close()
    os.replace(tmp_db, bi_path)
    for files in staged:
        files.publish()
    for table in tables:
        # the single file per mart of copies made before the monthly layout
        (parquet_dir / f"{table}.parquet").unlink(missing_ok=True)
    for gone in kept - set(tables):
        shutil.rmtree(parquet_dir / gone, ignore_errors=True)
    return Publication(bi_path, parquet_dir, counts, published_at, incremental)


def connect_bi_readonly(bi_path: Path) -> duckdb.DuckDBPyConnection:
    """Read-only SQL for people: the BI copy, with access to other files and the network off."""
    if not bi_path.exists():
        raise FileNotFoundError(f"no BI copy at {bi_path}: run the pipeline first (make run)")
    conn = connect(bi_path, read_only=True)
    # a second connection in the same process shares the first one's (locked) database
    (locked,) = conn.execute("select current_setting('lock_configuration')").fetchone()
    if not locked:
        conn.execute("set enable_external_access = false")
        conn.execute("set lock_configuration = true")
    return conn
