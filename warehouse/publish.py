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
  Parquet files), so a day's copy costs the day's rows, not the history's. A copy is this
  warehouse's when the build it reflects is in this warehouse's log (a data dir copied whole
  stays incremental). Without a usable previous copy (none, another warehouse's, no log) every
  mart is copied whole: a dated mart's months in one pass (DuckDB's ``PARTITION_BY``).
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
from warehouse.lake import (
    PART_FILE,
    LakeTable,
    Staged,
    month_of,
    months_between,
    months_in,
    stage,
)
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
) -> tuple[dict[str, MartChange] | None, datetime | None]:
    """Each mart's change since the build ``builds_through`` (None: copy every mart whole) and
    the newest build logged (None: the warehouse has no log, its marts were built before it)."""
    (has_log,) = conn.execute(
        "select count(*) from information_schema.tables where table_catalog = 'wh' "
        "and table_schema = 'meta' and table_name = 'mart_builds'"
    ).fetchone()
    if not has_log:
        return None, None
    (newest,) = conn.execute(f"select max(built_at) from wh.{MART_BUILDS}").fetchone()
    (known,) = conn.execute(
        f"select count(*) from wh.{MART_BUILDS} where built_at = ?", [builds_through]
    ).fetchone()
    if builds_through is None or not known:
        # no earlier copy, or one of a build this warehouse never logged (another warehouse's)
        return None, newest
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


def _previous(bi_path: Path) -> datetime | None:
    """The newest mart build the current copy reflects, if it says (copies made before the
    build log do not)."""
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
        row = conn.execute("select builds_through from publication").fetchone()
    finally:
        conn.close()
    return None if row is None else row[0]


def _columns(
    conn: duckdb.DuckDBPyConnection, catalog: str, schema: str
) -> dict[str, list[tuple[str, str]]]:
    """Every table's columns and types in order, in one catalog query (one per table costs
    ~4 ms each). Types count: a wider type hashes alike, so only a type check tells the copy's
    table (and its Parquet files) from a rebuilt mart's."""
    rows = conn.execute(
        "select table_name, list((column_name, data_type) order by ordinal_position) "
        "from information_schema.columns where table_catalog = ? and table_schema = ? "
        "group by table_name",
        [catalog, schema],
    ).fetchall()
    return {table: [tuple(column) for column in columns] for table, columns in rows}


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


def _differing_months(conn: duckdb.DuckDBPyConnection, table: LakeTable, copied: str) -> list[date]:
    """The months whose rows differ between the warehouse's mart and the previous copy's table
    (a fingerprint per month: row count and two aggregates of the rows' hashes)."""
    day = _ident(table.date_column or "")

    def fingerprints(relation: str) -> str:
        return (
            f"select date_trunc('month', {day})::date as month, count(*) as n, "
            f"bit_xor(hash(t)) as x, sum(hash(t)::hugeint) as s from {relation} as t group by 1"
        )

    rows = conn.execute(
        f"select coalesce(a.month, b.month) from ({fingerprints(table.qualified)}) as a "
        f"full join ({fingerprints(copied)}) as b on a.month = b.month "
        "where a.n is distinct from b.n or a.x is distinct from b.x or a.s is distinct from b.s"
    ).fetchall()
    return sorted(month for (month,) in rows if month is not None)


def _refuse_null_dates(conn: duckdb.DuckDBPyConnection, table: LakeTable) -> None:
    """A dated mart's Parquet files are one per month of its date column: a row without a date
    has no month, and would be left out. The marts' date keys are tested not null, so this is a
    broken mart; the copy stops, naming it, and the previous copy stands."""
    if table.date_column is None:
        return
    day = _ident(table.date_column)
    (nulls,) = conn.execute(
        f"select count(*) from {table.qualified} where {day} is null"
    ).fetchone()
    if nulls:
        raise RuntimeError(
            f"{table.qualified}: {nulls} rows with a null {table.date_column}: the BI copy's "
            f"Parquet files are one per month of {table.date_column!r}, so these rows would be "
            "lost; fix the mart (its not_null test should fail too) and run again"
        )


def _other_layout_files(table: LakeTable, parquet_dir: Path) -> tuple[Path, ...]:
    """A mart copied whole after it gained or lost its date column: the other layout's files
    (month folders, or the single file), which a reader of the mart's folder would also read."""
    table_dir = table.dir(parquet_dir)
    if table.date_column is None:
        return tuple(sorted(table_dir.glob(f"month=*/{PART_FILE}")))
    return (table_dir / PART_FILE,) if (table_dir / PART_FILE).is_file() else ()


def _remove_staging_dirs(parquet_dir: Path, token: str = "*") -> None:
    """This publication's staging folders (token "*": any left by a killed one; the pipeline
    publishes one copy at a time, under the warehouse's pool)."""
    for staging in parquet_dir.glob(f".*.{token}.tmp"):
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)


def _stage_every_month(
    conn: duckdb.DuckDBPyConnection, table: LakeTable, parquet_dir: Path, token: str
) -> Staged:
    """Every month file of a dated mart in one pass over it (DuckDB's PARTITION_BY), written
    under a hidden folder and renamed onto the final files by ``Staged.publish``; the months
    the mart no longer has are removed."""
    final_dir = table.dir(parquet_dir)
    staging = parquet_dir / f".{table.name}.{token}.tmp"
    day = _ident(table.date_column or "")
    conn.execute(
        f"copy (select *, strftime({day}, '%Y-%m') as month from {table.qualified}) "
        f"to '{staging}' (format parquet, partition_by (month), filename_pattern 'part-{{i}}')"
    )
    writes = tuple(
        (written, final_dir / written.parent.name / PART_FILE)
        for written in sorted(staging.glob(f"month=*/{PART_FILE}"))
    )
    if len(writes) != len(list(staging.rglob("*.parquet"))):
        raise RuntimeError(f"{table.qualified}: more than one Parquet file for a month")
    for _, final in writes:
        final.parent.mkdir(parents=True, exist_ok=True)
    kept = {final for _, final in writes}
    removals = tuple(path for path in final_dir.glob(f"month=*/{PART_FILE}") if path not in kept)
    return Staged(writes=writes, removals=removals)


def publish(warehouse_path: Path, bi_dir: Path, *, schema: str = "marts") -> Publication:
    """Copy every table of ``schema`` to the BI file and Parquet, atomically per file: the
    days changed since the last publication when it can (module docstring), else everything."""
    bi_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir = bi_dir / "parquet"
    parquet_dir.mkdir(exist_ok=True)
    _remove_staging_dirs(parquet_dir)
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
        changes, newest_build = (
            _mart_changes(conn, _previous(bi_path)) if schema == "marts" else (None, None)
        )
        incremental = changes is not None
        if changes is not None:
            shutil.copyfile(bi_path, tmp_db)
            conn.execute(f"attach '{tmp_db}' as bi")
            kept = set(mart_tables(conn, "main", catalog="bi")) - {"publication"}
            for gone in kept - set(tables):
                conn.execute(f"drop table bi.main.{_ident(gone)}")
            conn.execute("drop table if exists bi.main.publication")
        else:
            kept = set()
            conn.execute(f"attach '{tmp_db}' as bi (storage_version '{BI_STORAGE_VERSION}')")
        in_warehouse = _columns(conn, "wh", schema)
        in_copy = _columns(conn, "bi", "main") if changes is not None else {}
        for table in tables:
            name = _ident(table)
            typed = in_warehouse[table]
            columns = [name for name, _ in typed]
            same_shape = table in kept and in_copy.get(table) == typed
            change = changes.get(table) if changes is not None and same_shape else MartChange(True)
            lake_table = _parquet_table(schema, table, columns)
            if change is not None:
                _refuse_null_dates(conn, lake_table)
            if change is None and lake_table.dir(parquet_dir).is_dir():
                pass  # no build since the last publication: the copy's table and files stand
            elif (
                change is None or change.rebuilt_all or change.date_column != lake_table.date_column
            ):
                months = (
                    _differing_months(conn, lake_table, f"bi.main.{name}")
                    if same_shape
                    and lake_table.date_column
                    and lake_table.dir(parquet_dir).is_dir()
                    else None
                )
                conn.execute(
                    f"create or replace table bi.main.{name} as select * from wh.{schema}.{name}"
                )
                if months is not None:
                    # rebuilt whole (a table model): only the months whose rows differ are new
                    staged.append(stage(conn, lake_table, parquet_dir, months=months))
                elif lake_table.date_column is None or "month" in columns:
                    staged.append(stage(conn, lake_table, parquet_dir))
                else:
                    staged.append(_stage_every_month(conn, lake_table, parquet_dir, token))
                staged.append(Staged(removals=_other_layout_files(lake_table, parquet_dir)))
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
        _remove_staging_dirs(parquet_dir, token)
        raise
    conn.close()
    # The Parquet files first, the DuckDB file last: the DuckDB file records the build the copy
    # reflects, so a publication stopped before it leaves the previous record, and the next one
    # rewrites the same days and months again (replaying a publication is harmless).
    try:
        for files in staged:
            files.publish()
    except BaseException:
        tmp_db.unlink(missing_ok=True)
        for files in staged:
            files.discard()
        _remove_staging_dirs(parquet_dir, token)
        raise
    os.replace(tmp_db, bi_path)
    _remove_staging_dirs(parquet_dir, token)
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
