"""Catalog lookups of one table, at the cost of that table, not of everything the warehouse holds.

``information_schema.columns`` (and ``duckdb_columns()``) bind every view of the warehouse the
first time a connection reads them: ~35 ms with the sample's 64 dbt views, on each of the ~40
connections a daily run opens, where ``duckdb_tables()`` and DESCRIBE take ~1 ms.
"""

from __future__ import annotations

import duckdb


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def has_table(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    """Whether the table ``schema.name`` exists, as ``conn`` sees it (in its transaction)."""
    (found,) = conn.execute(
        "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
        [schema, name],
    ).fetchone()
    return found > 0


def table_columns(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> dict[str, str]:
    """Column name -> DuckDB type of the table ``schema.name``, in order (empty when there is no
    such table)."""
    if not has_table(conn, schema, name):
        return {}
    rows = conn.execute(f"describe {_quoted(schema)}.{_quoted(name)}").fetchall()
    return {column: dtype for column, dtype, *_ in rows}
