"""The Spark engine's tables back into the DuckDB warehouse, so the BI copy and the brief run
unchanged after ``crw run --engine spark``.

dbt on Spark writes each table it builds as Parquet under its warehouse dir:
``<spark warehouse dir>/<schema>.db/<table>/part-*.parquet`` (views have no files). This module
loads every table of the schemas dbt builds tables in (``intermediate``, ``marts``) into the
DuckDB warehouse's same ``<schema>.<table>``, in ONE transaction: a failed load (a missing
column, a value the type refuses) leaves every previous table as it was.

Each column gets the type the DuckDB build gives it, because Spark's Parquet types differ:
timestamps arrive as INT96 or TIMESTAMP_NTZ (naive, in UTC), decimals with Spark's precision,
integers as int32/int64 by Spark's rules. The type is the mart contract's ``data_type`` (dbt's
manifest) for contract tables; for other tables the existing DuckDB table's type if it has the
same columns, else the Parquet type (Spark's INT96 instants as ``timestamp with time zone``;
integers keep Spark's width, e.g. a day count INTEGER where DuckDB's date difference gives
BIGINT). A naive timestamp becomes a ``timestamp with time zone`` as UTC, whatever the session's
time zone.

A table whose columns and types already match is emptied and refilled in place (it keeps its
constraints, e.g. a contract's not-null columns); otherwise it is recreated from the contract.
Tables the Spark build did not make (snapshots, seeds, staging views) are left alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse.publish import record_rebuilt_marts
from warehouse.relations import table_columns
from warehouse.tables import _ident

# The schemas dbt builds tables in on Spark (staging is views; snapshots keep the DuckDB
# warehouse's own revision history).
SPARK_SCHEMAS = ("intermediate", "marts")


class SparkImportError(RuntimeError):
    """A table the Spark build wrote cannot be loaded as the DuckDB build would have it."""


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    not_null: bool = False


@dataclass(frozen=True)
class SparkTable:
    schema: str
    name: str
    files: tuple[Path, ...]

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"


def contract_columns(manifest: Mapping[str, Any]) -> dict[tuple[str, str], tuple[Column, ...]]:
    """(schema, table) -> the contract's columns, in order, for every model with an enforced
    contract in dbt's ``manifest.json`` (the DuckDB target's: its types are DuckDB's)."""
    contracts = {}
    for node in manifest.get("nodes", {}).values():
        config = node.get("config", {})
        if node.get("resource_type") != "model" or not config.get("contract", {}).get("enforced"):
            continue
        columns = tuple(
            Column(
                name=column["name"],
                data_type=column["data_type"],
                not_null=any(c.get("type") == "not_null" for c in column.get("constraints", [])),
            )
            for column in node.get("columns", {}).values()
            if column.get("data_type")
        )
        if columns:
            contracts[(node["schema"], node.get("alias") or node["name"])] = columns
    return contracts


def spark_tables(
    spark_warehouse_dir: Path, *, schemas: tuple[str, ...] = SPARK_SCHEMAS
) -> list[SparkTable]:
    """Every table directory the Spark build left under ``<schema>.db/``, with its Parquet
    files (Spark's ``_SUCCESS`` and ``.crc`` files are not data)."""
    tables = []
    for schema in schemas:
        schema_dir = spark_warehouse_dir / f"{schema}.db"
        if not schema_dir.is_dir():
            continue
        for table_dir in sorted(p for p in schema_dir.iterdir() if p.is_dir()):
            files = tuple(
                sorted(
                    f
                    for f in table_dir.rglob("*.parquet")
                    if not f.name.startswith((".", "_"))
                    and not any(
                        part.startswith((".", "_")) for part in f.relative_to(table_dir).parts
                    )
                )
            )
            tables.append(SparkTable(schema, table_dir.name, files))
    return tables


def load_spark_tables(
    conn: duckdb.DuckDBPyConnection,
    spark_warehouse_dir: Path,
    contracts: Mapping[tuple[str, str], tuple[Column, ...]],
    *,
    schemas: tuple[str, ...] = SPARK_SCHEMAS,
) -> dict[str, int]:
    """Load every Spark-built table of ``schemas`` into the warehouse in one transaction;
    returns ``{"schema.table": rows}``. Raises ``SparkImportError`` (and changes nothing) if a
    table cannot be loaded as the DuckDB build would have it."""
    tables = spark_tables(spark_warehouse_dir, schemas=schemas)
    if not tables:
        raise SparkImportError(
            f"no tables of {', '.join(schemas)} under {spark_warehouse_dir}: "
            "did dbt build on Spark?"
        )
    loaded: dict[str, int] = {}
    conn.execute("begin transaction")
    try:
        for table in tables:
            loaded[table.qualified] = _load_table(
                conn, table, contracts.get((table.schema, table.name))
            )
        record_rebuilt_marts(conn, [t.name for t in tables if t.schema == "marts"])
        conn.execute("commit")
    except BaseException:
        conn.execute("rollback")
        raise
    return loaded


def _load_table(
    conn: duckdb.DuckDBPyConnection, table: SparkTable, contract: tuple[Column, ...] | None
) -> int:
    source = _parquet_columns(conn, table) if table.files else {}
    existing = _existing_columns(conn, table)
    if contract:
        target = [Column(c.name, _canonical(conn, c.data_type), c.not_null) for c in contract]
        missing = [c.name for c in target if c.name not in source] if table.files else []
        extra = [name for name in source if name not in {c.name for c in target}]
        if missing or extra:
            raise SparkImportError(
                f"{table.qualified} ({table.files[0].parent}): the Spark table's columns differ "
                f"from the contract: missing {missing or 'none'}, not in the contract "
                f"{extra or 'none'}"
            )
    elif existing is not None and set(existing) == set(source):
        target = [Column(name, existing[name]) for name in source]
    elif source:
        target = [Column(name, data_type) for name, data_type in source.items()]
    else:
        raise SparkImportError(
            f"{table.qualified}: Spark wrote no Parquet file and the table has no contract, so "
            "its columns are unknown"
        )

    name = f"{_quoted(table.schema)}.{_quoted(table.name)}"
    if existing is not None and list(existing.items()) == [(c.name, c.data_type) for c in target]:
        conn.execute(f"delete from {name}")
    else:
        kind = _relation_kind(conn, table)
        if kind is not None:
            conn.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {name}")
        conn.execute(f"create schema if not exists {_quoted(table.schema)}")
        definition = ", ".join(
            f"{_quoted(c.name)} {c.data_type}{' not null' if c.not_null else ''}" for c in target
        )
        conn.execute(f"create table {name} ({definition})")
    if not table.files:
        return 0
    columns = ", ".join(_quoted(c.name) for c in target)
    values = ", ".join(_cast(c.name, source[c.name], c.data_type) for c in target)
    try:
        conn.execute(
            f"insert into {name} ({columns}) select {values} from read_parquet(?)",
            [[str(f) for f in table.files]],
        )
    except duckdb.Error as exc:
        raise SparkImportError(
            f"{table.qualified} ({table.files[0].parent}): cannot load Spark's rows: {exc}"
        ) from exc
    return conn.execute(f"select count(*) from {name}").fetchone()[0]


def _quoted(name: str) -> str:
    return f'"{_ident(name)}"'


def _cast(column: str, source_type: str, target_type: str) -> str:
    ident = _quoted(column)
    naive = source_type.startswith("TIMESTAMP") and not source_type.endswith("TIME ZONE")
    # Spark's timestamps are instants written as naive UTC (INT96, TIMESTAMP_NTZ): read them
    # as UTC, never in the session's time zone.
    if target_type == "TIMESTAMP WITH TIME ZONE" and naive:
        return f"timezone('UTC', cast({ident} as timestamp)) as {ident}"
    if target_type == "TIMESTAMP" and source_type == "TIMESTAMP WITH TIME ZONE":
        return f"timezone('UTC', {ident}) as {ident}"
    return f"cast({ident} as {target_type}) as {ident}"


def _canonical(conn: duckdb.DuckDBPyConnection, data_type: str) -> str:
    """DuckDB's own spelling of a type (``timestamptz`` -> ``TIMESTAMP WITH TIME ZONE``), so
    a contract's type compares equal to the catalog's."""
    try:
        return conn.execute(f"select typeof(cast(null as {data_type}))").fetchone()[0]
    except duckdb.Error as exc:
        raise SparkImportError(f"not a DuckDB type in a contract: {data_type!r}: {exc}") from exc


def _parquet_columns(conn: duckdb.DuckDBPyConnection, table: SparkTable) -> dict[str, str]:
    """The columns' types as DuckDB reads the files, except Spark's instants: its TIMESTAMP
    (INT96 in Parquet) is a point in time, which DuckDB reads as a naive TIMESTAMP; it is a
    ``timestamp with time zone`` here, as in the DuckDB build (TIMESTAMP_NTZ stays naive)."""
    rows = conn.execute(
        "describe select * from read_parquet(?)", [[str(f) for f in table.files]]
    ).fetchall()
    instants = {
        name
        for (name,) in conn.execute(
            "select name from parquet_schema(?) where type = 'INT96'", [str(table.files[0])]
        ).fetchall()
    }
    return {
        name: "TIMESTAMP WITH TIME ZONE" if name in instants else data_type
        for name, data_type, *_ in rows
    }


def _existing_columns(conn: duckdb.DuckDBPyConnection, table: SparkTable) -> dict[str, str] | None:
    if _relation_kind(conn, table) != "BASE TABLE":
        return None
    return table_columns(conn, table.schema, table.name)


def _relation_kind(conn: duckdb.DuckDBPyConnection, table: SparkTable) -> str | None:
    row = conn.execute(
        "select table_type from information_schema.tables "
        "where table_schema = ? and table_name = ?",
        [table.schema, table.name],
    ).fetchone()
    return row[0] if row else None
