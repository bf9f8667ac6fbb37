"""The dirty window of a transform: which days the incremental dbt models recompute.

Before dbt runs, ``open_window`` writes one row to ``meta.transform_window``: ``from_date`` is
the earliest business date (the raw tables' ``date``) of any raw row inserted since the last
successful transform. A load replaces a window of keys or inserts new versions
(``warehouse.tables.replace_partition``), and either way every changed key is an inserted row,
so no day before ``from_date`` can have changed. The incremental models read the row at run
time (dbt macro ``crw_from_date()``), delete their rows from ``from_date`` on and insert them
recomputed, reading their inputs from ``from_date`` minus their own lookback.

After dbt succeeds, ``close_window`` records the watermark: the last load the window covered
(``meta.load_log.loaded_at``). A failed build records nothing, so the next transform's window
still starts at the failed one's days. With no watermark yet, when asked (``crw run
--full-refresh``), or when the dbt project or the universe file changed since the watermark
(``project_version``, a fingerprint of the models' files and the universe file: a changed model
must be rebuilt over all history), the window is a full rebuild: ``full_refresh`` true,
``from_date`` null, and dbt runs with ``--full-refresh``. Nothing new since the watermark:
``from_date`` null and ``full_refresh`` false, so the incremental models delete and insert
nothing.

``close_window`` also marks the row ``consumed``: a dbt build started by hand afterwards (``crw
dbt build``, with other vars or after editing raw rows) has no window of its own, so its
incremental models recompute every day (the macro reads a consumed or missing window as "from
the beginning"), which is always right, only slower.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from warehouse.relations import table_columns
from warehouse.tables import ensure_meta

WINDOW_TABLE = "meta.transform_window"
WATERMARK_TABLE = "meta.transform_watermark"


@dataclass(frozen=True)
class TransformWindow:
    from_date: date | None
    full_refresh: bool
    reason: str
    loaded_through: datetime | None

    def describe(self) -> str:
        if self.full_refresh:
            return f"full rebuild ({self.reason})"
        if self.from_date is None:
            return "nothing loaded since the last transform: incremental models unchanged"
        return f"incremental from {self.from_date} ({self.reason})"


def _ensure_tables(conn: duckdb.DuckDBPyConnection) -> None:
    ensure_meta(conn)
    conn.execute(
        f"""
        create table if not exists {WINDOW_TABLE} (
            from_date date, full_refresh boolean not null, reason varchar,
            loaded_through timestamptz, project_version varchar, computed_at timestamptz not null
        )
        """
    )
    conn.execute(f"alter table {WINDOW_TABLE} add column if not exists consumed boolean")
    conn.execute(
        f"""
        create table if not exists {WATERMARK_TABLE} (
            loaded_through timestamptz, project_version varchar, recorded_at timestamptz not null
        )
        """
    )


def _raw_tables(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Every raw table with the lineage and business-date columns (all of them today)."""
    tables = conn.execute(
        "select schema_name, table_name from duckdb_tables() "
        "where schema_name like 'raw\\_%' escape '\\' order by 1, 2"
    ).fetchall()
    return [
        f"{schema}.{name}"
        for schema, name in tables
        if {"_loaded_at", "date"} <= table_columns(conn, schema, name).keys()
    ]


def open_window(
    conn: duckdb.DuckDBPyConnection, *, full_refresh: bool = False, project_version: str = ""
) -> TransformWindow:
    """Compute the window for the transform about to run and write it to meta.transform_window
    (one row, replaced)."""
    _ensure_tables(conn)
    (loaded_through,) = conn.execute("select max(loaded_at) from meta.load_log").fetchone()
    watermark = conn.execute(
        f"select loaded_through, project_version from {WATERMARK_TABLE} "
        "order by recorded_at desc limit 1"
    ).fetchone()
    from_date: date | None = None
    if full_refresh:
        reason = "--full-refresh"
    elif watermark is None:
        reason, full_refresh = "no earlier transform", True
    elif watermark[1] != project_version:
        reason = "the dbt project or the universe file changed since the last transform"
        full_refresh = True
    else:
        reason = "rows loaded since the last transform"
        since = watermark[0]
        for table in _raw_tables(conn):
            # Loads append: the rows after the watermark sit in the newest row groups, whose
            # min/max statistics let DuckDB skip the older ones.
            where = "" if since is None else "where _loaded_at > ?"
            (first,) = conn.execute(
                f"select min(date) from {table} {where}", [] if since is None else [since]
            ).fetchone()
            if first is not None and (from_date is None or first < from_date):
                from_date = first
    conn.execute("begin transaction")
    conn.execute(f"delete from {WINDOW_TABLE}")
    conn.execute(
        f"insert into {WINDOW_TABLE} "
        "(from_date, full_refresh, reason, loaded_through, project_version, computed_at, consumed) "
        "values (?, ?, ?, ?, ?, now(), false)",
        [from_date, full_refresh, reason, loaded_through, project_version],
    )
    conn.execute("commit")
    return TransformWindow(from_date, full_refresh, reason, loaded_through)


def close_window(conn: duckdb.DuckDBPyConnection) -> None:
    """After dbt succeeded: the loads the window covered are transformed."""
    _ensure_tables(conn)
    conn.execute(
        f"insert into {WATERMARK_TABLE} "
        f"select loaded_through, project_version, now() from {WINDOW_TABLE}"
    )
    conn.execute(f"update {WINDOW_TABLE} set consumed = true")


def forget_last_transform(conn: duckdb.DuckDBPyConnection) -> None:
    """Undo the last ``close_window`` as far as the next window sees: its watermark goes, so the
    next window covers the loads that transform covered again (the benchmark re-runs a day's
    transform this way: bench/pipeline.py, ``dbt-day``)."""
    _ensure_tables(conn)
    conn.execute(
        f"delete from {WATERMARK_TABLE} "
        f"where recorded_at = (select max(recorded_at) from {WATERMARK_TABLE})"
    )
