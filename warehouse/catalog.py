"""What the warehouse holds, for the Dagster UI: each relation's kind, row count (tables only:
counting a view would run it) and column schema, read from DuckDB's catalog after a dbt build."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from warehouse.tables import _ident

RELATIONS_QUERY = """
select table_schema, table_name, table_type
from information_schema.tables
where table_schema in (select unnest(?))
order by 1, 2
"""
COLUMNS_QUERY = """
select table_schema, table_name, column_name, data_type
from information_schema.columns
where table_schema in (select unnest(?))
order by table_schema, table_name, ordinal_position
"""


@dataclass(frozen=True)
class Relation:
    schema: str
    name: str
    is_view: bool
    rows: int | None
    columns: tuple[tuple[str, str], ...]


def describe_relations(
    conn: duckdb.DuckDBPyConnection, schemas: list[str]
) -> dict[tuple[str, str], Relation]:
    """Every table and view of ``schemas``, keyed by (schema, name)."""
    columns: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, data_type in conn.execute(COLUMNS_QUERY, [schemas]).fetchall():
        columns.setdefault((schema, table), []).append((column, data_type))
    relations = {}
    for schema, name, kind in conn.execute(RELATIONS_QUERY, [schemas]).fetchall():
        is_view = kind == "VIEW"
        rows = (
            None
            if is_view
            else conn.execute(f"select count(*) from {_ident(schema)}.{_ident(name)}").fetchone()[0]
        )
        relations[(schema, name)] = Relation(
            schema, name, is_view, rows, tuple(columns.get((schema, name), []))
        )
    return relations
