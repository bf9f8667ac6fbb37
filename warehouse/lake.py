"""The raw lake: every raw table mirrored as Parquet, for engines that cannot read the DuckDB file
(the Spark transform's dbt sources read it).

Layout: ``<lake>/<schema>/<table>/month=YYYY-MM/part-0.parquet``, one file per month of the
table's date column, and ``<lake>/meta/universe/part-0.parquet`` for the one table without a
date. A file holds exactly the DuckDB table's columns, in its order (no ``month`` column: Spark
reads the files with recursiveFileLookup, without partition inference), and every row, every
version of a versioned table included.

DuckDB stays the single source of truth and the lake is derived from it: a load writes the
months it touched to hidden temp files inside its transaction (a failed export rolls the load
back), commits, then renames each temp onto ``part-0.parquet`` (``os.replace``: a reader sees the
old file or the new one, never half of one). A load killed before the renames leaves the previous
files and a stale month; ``sync_lake`` finds and re-exports it before the lake is read.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from warehouse.relations import table_columns

if TYPE_CHECKING:
    from warehouse.tables import RawTable

PART_FILE = "part-0.parquet"
# Hidden (leading '.'): Spark/Hadoop listings and DuckDB's `*.parquet` globs skip it.
_TEMP_PREFIX = ".part-0."
_TEMP_SUFFIX = ".tmp"
_MONTH_DIR = re.compile(r"^month=(\d{4})-(\d{2})$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
RAW_DATE_COLUMN = "date"
UNIVERSE = ("meta", "universe")
# Written with every row: which load and when. A load that changes a month inserts rows stamped
# with its own _loaded_at, so (rows, newest _loaded_at) per month tells a stale file.
_LOADED_AT = "_loaded_at"


class LakeError(RuntimeError):
    """The lake cannot mirror a table (no such table, no date column)."""


@dataclass(frozen=True)
class LakeTable:
    """A table the lake mirrors: monthly files by ``date_column``, or one file when None."""

    schema: str
    name: str
    date_column: str | None = RAW_DATE_COLUMN
    # The table's folder under the lake dir; default <schema>/<name> (the BI copy's Parquet
    # files use <mart>: warehouse/publish.py).
    folder: str | None = None

    @property
    def qualified(self) -> str:
        return f"{_ident(self.schema)}.{_ident(self.name)}"

    def dir(self, lake_dir: Path) -> Path:
        return lake_dir / self.folder if self.folder else lake_dir / self.schema / self.name


def _ident(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise LakeError(f"refusing identifier {name!r}: only [a-z0-9_] names are mirrored")
    return name


def _literal(path: Path) -> str:
    """A path as a SQL string literal (COPY ... TO takes no bound parameter for its file)."""
    return "'" + str(path).replace("'", "''") + "'"


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """The first day of every month overlapping [start, end]."""
    months, month = [], month_of(start)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months


def month_dir(table_dir: Path, month: date) -> Path:
    return table_dir / f"month={month:%Y-%m}"


@dataclass(frozen=True)
class Staged:
    """Month files written to hidden temps and not yet visible: ``publish`` once the load has
    committed, ``discard`` if it rolled back."""

    writes: tuple[tuple[Path, Path], ...] = ()  # (temp, final)
    removals: tuple[Path, ...] = ()  # files of months left with no row

    def publish(self) -> None:
        for temp, final in self.writes:
            os.replace(temp, final)
        for final in self.removals:
            final.unlink(missing_ok=True)
            if _MONTH_DIR.match(final.parent.name) and not any(final.parent.iterdir()):
                final.parent.rmdir()  # a month left with no file is no folder either

    def discard(self) -> None:
        for temp, _ in self.writes:
            temp.unlink(missing_ok=True)


def _columns(conn: duckdb.DuckDBPyConnection, table: LakeTable) -> list[str]:
    return list(table_columns(conn, table.schema, table.name))


def _lake_files(table_dir: Path) -> list[Path]:
    return sorted(table_dir.glob(f"month=*/{PART_FILE}")) + (
        [table_dir / PART_FILE] if (table_dir / PART_FILE).exists() else []
    )


def months_in(table_dir: Path) -> list[date]:
    """The months a table's folder has a file for."""
    found = (_MONTH_DIR.match(p.parent.name) for p in _lake_files(table_dir))
    return sorted(date(int(m.group(1)), int(m.group(2)), 1) for m in found if m)


def _file_columns(conn: duckdb.DuckDBPyConnection, files: list[Path]) -> dict[str, list[str]]:
    """Each file's top-level column names, in order (one footer read per file)."""
    if not files:
        return {}
    rows = conn.execute(
        "select file_name, list(name order by column_id) from parquet_schema(?) "
        "where column_id > 0 group by file_name",
        [[str(f) for f in files]],
    ).fetchall()
    return {name: list(columns) for name, columns in rows}


def _drifted(conn: duckdb.DuckDBPyConnection, columns: list[str], files: list[Path]) -> bool:
    """A file written before the table's column list changed (schema drift: a new column)."""
    return any(found != columns for found in _file_columns(conn, files).values())


def _probe(table_dir: Path, months: set[date]) -> list[Path]:
    """One file the write leaves in place, to tell drift by: a load writes every month with the
    table's current columns (all of them once drift is seen), so files differ only after the
    columns changed, or after a rewrite killed between its renames (sync_lake checks every file
    and heals that). One footer read instead of one per month keeps a one-day load cheap."""
    for path in _lake_files(table_dir):
        found = _MONTH_DIR.match(path.parent.name)
        if found and date(int(found.group(1)), int(found.group(2)), 1) not in months:
            return [path]
    return []


def _clean_temps(table_dir: Path) -> None:
    """Temps left by a killed run; one table has one writer at a time (DuckDB's lock)."""
    for pattern in (f"{_TEMP_PREFIX}*", f"month=*/{_TEMP_PREFIX}*"):
        for temp in table_dir.glob(pattern):
            temp.unlink(missing_ok=True)


def _temp_for(final: Path) -> Path:
    return final.with_name(f"{_TEMP_PREFIX}{uuid.uuid4().hex}{_TEMP_SUFFIX}")


def stage(
    conn: duckdb.DuckDBPyConnection,
    table: LakeTable,
    lake_dir: Path,
    *,
    months: Iterable[date] | None = None,
) -> Staged:
    """Write ``months`` of ``table`` (None: the whole table) to hidden temps, as ``conn`` sees
    it (inside a load's transaction: the load's own rows). The whole table is rewritten when a
    file's columns differ from the table's (drift); a month with no row is to be removed."""
    table_dir = table.dir(lake_dir)
    table_dir.mkdir(parents=True, exist_ok=True)
    _clean_temps(table_dir)
    columns = _columns(conn, table)
    if not columns:
        raise LakeError(f"{table.qualified}: no such table to export to the lake")
    select = ", ".join(_ident(c) for c in columns)
    if table.date_column is None:
        final = table_dir / PART_FILE
        temp = _temp_for(final)
        conn.execute(
            f"copy (select {select} from {table.qualified}) to {_literal(temp)} (format parquet)"
        )
        return Staged(writes=((temp, final),))
    if table.date_column not in columns:
        raise LakeError(f"{table.qualified}: no date column {table.date_column!r} to partition by")
    day = _ident(table.date_column)
    if months is not None:
        months = set(months)
    if months is None or _drifted(conn, columns, _probe(table_dir, months)):
        in_table = {
            m
            for (m,) in conn.execute(
                f"select distinct date_trunc('month', {day})::date from {table.qualified} "
                f"where {day} is not null"
            ).fetchall()
        }
        months = in_table | set(months_in(table_dir))
    writes, removals = [], []
    try:
        for month in sorted(months):
            final = month_dir(table_dir, month) / PART_FILE
            final.parent.mkdir(exist_ok=True)
            temp = _temp_for(final)
            (rows,) = conn.execute(
                f"copy (select {select} from {table.qualified} "
                f"where {day} >= ? and {day} < ?) to {_literal(temp)} (format parquet)",
                [month, next_month(month)],
            ).fetchone()
            if rows:
                writes.append((temp, final))
            else:
                temp.unlink(missing_ok=True)
                removals.append(final)
    except BaseException:
        Staged(writes=tuple(writes)).discard()
        raise
    return Staged(writes=tuple(writes), removals=tuple(removals))


def raw_lake_table(table: RawTable) -> LakeTable:
    return LakeTable(table.schema, table.entity, table.date_column)


def stage_window(
    conn: duckdb.DuckDBPyConnection, table: RawTable, start: date, end: date, lake_dir: Path
) -> Staged:
    """Stage the lake files of the months overlapping [start, end] (all of them on drift)."""
    return stage(conn, raw_lake_table(table), lake_dir, months=months_between(start, end))


def export_window(
    conn: duckdb.DuckDBPyConnection, table: RawTable, start: date, end: date, lake_dir: Path
) -> Staged:
    """Rewrite the lake files of the months overlapping [start, end] (all of them on drift)."""
    staged = stage_window(conn, table, start, end, lake_dir)
    staged.publish()
    return staged


def export_table(
    conn: duckdb.DuckDBPyConnection,
    schema: str,
    table: str,
    lake_dir: Path,
    *,
    date_column: str | None = RAW_DATE_COLUMN,
) -> Staged:
    """Rewrite every lake file of ``schema.table`` (a month no longer in the table is removed)."""
    staged = stage(conn, LakeTable(schema, table, date_column), lake_dir)
    staged.publish()
    return staged


def lake_tables(conn: duckdb.DuckDBPyConnection) -> list[LakeTable]:
    """What the lake mirrors: every raw_* table, and meta.universe."""
    rows = conn.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where (schema_name like 'raw\\_%' escape '\\') "
        "or (schema_name = ? and table_name = ?) order by all",
        list(UNIVERSE),
    ).fetchall()
    return [
        LakeTable(schema, name, None if (schema, name) == UNIVERSE else RAW_DATE_COLUMN)
        for schema, name in rows
    ]


def _fingerprints(
    conn: duckdb.DuckDBPyConnection, table: LakeTable, columns: list[str], source: str
) -> set[tuple]:
    """Per month: (month, rows, newest _loaded_at) of ``source`` (the table, or its files)."""
    day = _ident(table.date_column or "")
    newest = f"max({_LOADED_AT})" if _LOADED_AT in columns else "null"
    return set(
        conn.execute(
            f"select date_trunc('month', {day})::date, count(*), {newest} from {source} "
            "group by all"
        ).fetchall()
    )


def _in_sync(conn: duckdb.DuckDBPyConnection, table: LakeTable, lake_dir: Path) -> bool:
    columns = _columns(conn, table)
    files = _lake_files(table.dir(lake_dir))
    if not files:
        # A dated table with no row has no month to write.
        (rows,) = conn.execute(f"select count(*) from {table.qualified}").fetchone()
        return rows == 0 and table.date_column is not None
    if _drifted(conn, columns, files):
        return False
    lake = f"read_parquet({_literal_list(files)}, hive_partitioning = false)"
    if table.date_column is None:
        # Small (the universe): compare every row.
        (differ,) = conn.execute(
            f"select count(*) from ((select * from {table.qualified} except all "
            f"select * from {lake}) union all (select * from {lake} except all "
            f"select * from {table.qualified}))"
        ).fetchone()
        return differ == 0
    return _fingerprints(conn, table, columns, table.qualified) == _fingerprints(
        conn, table, columns, lake
    )


def _literal_list(files: list[Path]) -> str:
    return "[" + ", ".join(_literal(f) for f in files) + "]"


def sync_lake(conn: duckdb.DuckDBPyConnection, lake_dir: Path) -> list[str]:
    """Re-export every mirrored table whose lake files are missing or differ from DuckDB (rows
    or newest load per month, columns); the names re-exported. Run before the lake is read: a
    load killed between its commit and its renames, or a warehouse copied without its lake,
    heals here."""
    healed = []
    for table in lake_tables(conn):
        if not _in_sync(conn, table, lake_dir):
            stage(conn, table, lake_dir).publish()
            healed.append(table.qualified)
    return healed
