"""Catalog lookups of one table, at the cost of that table, not of everything the warehouse holds.

``information_schema.columns`` (and ``duckdb_columns()``) bind every view of the warehouse the
first time a connection reads them: ~35 ms with the sample's 64 dbt views, and a daily run opens
dozens of connections, each raw step's load asking several times. Even ``duckdb_tables()``
takes ~2.5 ms a query. The driver's relation of one table takes ~0.25 ms, and a missing
table's error leaves an open transaction usable (a failed DESCRIBE aborts it).
"""

from __future__ import annotations

import duckdb


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _relation(
    conn: duckdb.DuckDBPyConnection, schema: str, name: str
) -> duckdb.DuckDBPyRelation | None:
    try:
        return conn.table(f"{_quoted(schema)}.{_quoted(name)}")
    except duckdb.CatalogException:
        return None


def has_table(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    """Whether ``schema.name`` exists (a table, or a view), as ``conn`` sees it (in its
    transaction)."""
    return _relation(conn, schema, name) is not None


def table_columns(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> dict[str, str]:
    """Column name -> DuckDB type of ``schema.name``, in order (empty when there is no such
    table or view)."""
    relation = _relation(conn, schema, name)
    if relation is None:
        return {}
    return dict(zip(relation.columns, map(str, relation.types), strict=True))
