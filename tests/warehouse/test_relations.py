"""One table's catalog facts, read without binding the rest of the warehouse, and safe to ask
inside a load's transaction."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.relations import has_table, table_columns


def test_columns_come_in_order_with_their_duckdb_types(tmp_path: Path) -> None:
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    conn.execute("create schema raw_x")
    conn.execute(
        "create table raw_x.t (symbol varchar, date date, px decimal(18,3), seen_at timestamptz)"
    )
    assert table_columns(conn, "raw_x", "t") == {
        "symbol": "VARCHAR",
        "date": "DATE",
        "px": "DECIMAL(18,3)",
        "seen_at": "TIMESTAMP WITH TIME ZONE",
    }
    assert has_table(conn, "raw_x", "t")


def test_a_missing_table_or_schema_is_empty_and_the_transaction_goes_on(tmp_path: Path) -> None:
    conn = duckdb.connect(str(tmp_path / "w.duckdb"))
    conn.execute("begin transaction")
    conn.execute("create table t (a integer)")
    assert table_columns(conn, "main", "missing") == {}
    assert not has_table(conn, "no_such_schema", "t")
    # the table the transaction created is seen, and the transaction can still commit
    assert table_columns(conn, "main", "t") == {"a": "INTEGER"}
    conn.execute("insert into t values (1)")
    conn.execute("commit")
    assert conn.execute("select count(*) from t").fetchone() == (1,)
