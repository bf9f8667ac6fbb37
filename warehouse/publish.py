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
- ``<bi dir>/parquet/<model>.parquet`` per mart, each replaced atomically.
- With the versioned marts present, the copy also holds the as-of table macros
  (``etf_flows_asof(ts)``, ``macro_events_asof(ts)``, ``alerts_asof(ts)``, ``pulse_asof(ts)``;
  see ``warehouse/asof.py``).
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse import asof
from warehouse.connection import connect, connect_memory
from warehouse.tables import _ident

BI_STORAGE_VERSION = "v1.0.0"
BI_FILE = "marts.duckdb"


@dataclass(frozen=True)
class Publication:
    bi_path: Path
    parquet_dir: Path
    tables: dict[str, int]
    published_at: datetime


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


def publish(warehouse_path: Path, bi_dir: Path, *, schema: str = "marts") -> Publication:
    """Copy every table of ``schema`` to the BI file and Parquet, atomically per file."""
    bi_dir.mkdir(parents=True, exist_ok=True)
    parquet_dir = bi_dir / "parquet"
    parquet_dir.mkdir(exist_ok=True)
    token = uuid.uuid4().hex[:12]
    tmp_db = bi_dir / f".{BI_FILE}.{token}.tmp"
    published_at = datetime.now(UTC)
    counts: dict[str, int] = {}
    conn = connect_memory()
    try:
        conn.execute("attach ? as wh (read_only)", [str(warehouse_path)])
        tables = [t for t in mart_tables(conn, schema, catalog="wh")]
        if not tables:
            raise RuntimeError(
                f"nothing to publish: schema {schema!r} has no tables in {warehouse_path}"
            )
        conn.execute(f"attach '{tmp_db}' as bi (storage_version '{BI_STORAGE_VERSION}')")
        tmp_parquet: list[tuple[Path, Path]] = []
        for table in tables:
            name = _ident(table)
            conn.execute(f"create table bi.main.{name} as select * from wh.{schema}.{name}")
            counts[table] = conn.execute(f"select count(*) from bi.main.{name}").fetchall()[0][0]
            target = parquet_dir / f"{table}.parquet"
            staged = parquet_dir / f".{table}.{token}.tmp"
            conn.execute(
                f"copy wh.{schema}.{name} to '{staged}' (format parquet, compression zstd)"
            )
            tmp_parquet.append((staged, target))
        if set(asof.MACRO_TABLES) <= set(tables):
            asof.create_macros(conn, catalog="bi", v=asof.risk_vars())
        conn.execute(
            "create table bi.main.publication as select ? as published_at, ? as source_file, "
            "? as tables",
            [published_at, str(warehouse_path), json.dumps(counts)],
        )
        conn.execute("detach bi")
        conn.execute("detach wh")
    except BaseException:
        conn.close()
        tmp_db.unlink(missing_ok=True)
        for staged in parquet_dir.glob(f".*.{token}.tmp"):
            staged.unlink(missing_ok=True)
        raise
    conn.close()
    bi_path = bi_dir / BI_FILE
    os.replace(tmp_db, bi_path)
    for staged, target in tmp_parquet:
        os.replace(staged, target)
    return Publication(bi_path, parquet_dir, counts, published_at)


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
