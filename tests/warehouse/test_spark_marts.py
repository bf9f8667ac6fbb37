"""The Spark engine's tables loaded back into DuckDB (warehouse/spark_marts.py), on Parquet
files written the way Spark writes them (INT96 / naive timestamps, Spark's decimals and int32),
without starting Spark."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from warehouse.connection import connection
from warehouse.spark_marts import (
    Column,
    SparkImportError,
    contract_columns,
    load_spark_tables,
    spark_tables,
)

# A manifest as dbt writes it (the DuckDB target's), reduced to what the loader reads.
MANIFEST = {
    "nodes": {
        "model.crw.fct_flows": {
            "resource_type": "model",
            "name": "fct_flows",
            "alias": "fct_flows",
            "schema": "marts",
            "config": {"contract": {"enforced": True}, "materialized": "table"},
            "columns": {
                "date": {
                    "name": "date",
                    "data_type": "date",
                    "constraints": [{"type": "not_null"}],
                },
                "asset": {"name": "asset", "data_type": "varchar", "constraints": []},
                "net_flow_usd": {"name": "net_flow_usd", "data_type": "decimal(38,2)"},
                "streak_days": {"name": "streak_days", "data_type": "bigint"},
                "fetched_at": {"name": "fetched_at", "data_type": "timestamp with time zone"},
                "score": {"name": "score", "data_type": "double"},
                "is_outflow": {"name": "is_outflow", "data_type": "boolean"},
            },
        },
        "model.crw.int_flows_ranked": {
            "resource_type": "model",
            "name": "int_flows_ranked",
            "alias": "int_flows_ranked",
            "schema": "intermediate",
            "config": {"contract": {"enforced": False}, "materialized": "table"},
            "columns": {},
        },
        "model.crw.stg_flows": {
            "resource_type": "model",
            "name": "stg_flows",
            "alias": "stg_flows",
            "schema": "staging",
            "config": {"materialized": "view"},
            "columns": {},
        },
    }
}

NOON = datetime(2025, 11, 14, 12, 30)


def spark_flows(net: str = "-123.45") -> pa.Table:
    """fct_flows as Spark writes it: decimal(38,6), int32, naive timestamps, dates."""
    return pa.table(
        {
            "date": pa.array([date(2025, 11, 14), date(2025, 11, 15)], pa.date32()),
            "asset": pa.array(["BTC", "ETH"], pa.string()),
            "net_flow_usd": pa.array([Decimal(net), Decimal("7.5")], pa.decimal128(38, 6)),
            "streak_days": pa.array([3, 0], pa.int32()),
            "fetched_at": pa.array([NOON, None], pa.timestamp("us")),
            "score": pa.array([0.1 + 0.2, None], pa.float64()),
            "is_outflow": pa.array([True, False], pa.bool_()),
        }
    )


def write_spark_table(
    root: Path, schema: str, table: str, data: pa.Table, *, int96: bool = True
) -> Path:
    """One table as Spark leaves it: part files, a _SUCCESS marker and .crc side files."""
    directory = root / f"{schema}.db" / table
    directory.mkdir(parents=True, exist_ok=True)
    half = data.num_rows // 2
    for i, part in enumerate((data.slice(0, half), data.slice(half))):
        path = directory / f"part-0000{i}-c000.snappy.parquet"
        pq.write_table(part, path, use_deprecated_int96_timestamps=int96)
        (directory / f".{path.name}.crc").write_bytes(b"crc")
    (directory / "_SUCCESS").write_bytes(b"")
    return directory


@pytest.fixture
def spark_dir(tmp_path: Path) -> Path:
    root = tmp_path / "spark" / "warehouse"
    write_spark_table(root, "marts", "fct_flows", spark_flows())
    ranked = pa.table(
        {
            "asset": pa.array(["BTC"], pa.string()),
            "rank": pa.array([1], pa.int32()),
            "seen_at": pa.array([NOON], pa.timestamp("us")),
        }
    )
    write_spark_table(root, "intermediate", "int_flows_ranked", ranked, int96=False)
    return root


def column_types(conn, schema: str, table: str) -> dict[str, str]:
    rows = conn.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_schema = ? and table_name = ? order by ordinal_position",
        [schema, table],
    ).fetchall()
    return dict(rows)


def test_the_contract_columns_come_from_the_manifest() -> None:
    contracts = contract_columns(MANIFEST)
    assert list(contracts) == [("marts", "fct_flows")]
    columns = contracts[("marts", "fct_flows")]
    assert columns[0] == Column("date", "date", not_null=True)
    assert [c.name for c in columns] == list(spark_flows().column_names)


def test_spark_tables_lists_part_files_not_markers(spark_dir: Path) -> None:
    tables = {t.qualified: t for t in spark_tables(spark_dir)}
    assert sorted(tables) == ["intermediate.int_flows_ranked", "marts.fct_flows"]
    assert [f.name for f in tables["marts.fct_flows"].files] == [
        "part-00000-c000.snappy.parquet",
        "part-00001-c000.snappy.parquet",
    ]


def test_contract_tables_get_the_contract_types_and_values_round_trip(
    spark_dir: Path, tmp_path: Path
) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        loaded = load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert loaded == {"intermediate.int_flows_ranked": 1, "marts.fct_flows": 2}
        assert column_types(conn, "marts", "fct_flows") == {
            "date": "DATE",
            "asset": "VARCHAR",
            "net_flow_usd": "DECIMAL(38,2)",
            "streak_days": "BIGINT",
            "fetched_at": "TIMESTAMP WITH TIME ZONE",
            "score": "DOUBLE",
            "is_outflow": "BOOLEAN",
        }
        conn.execute("set TimeZone = 'America/New_York'")  # the instant must not depend on it
        rows = conn.execute(
            "select date, asset, net_flow_usd, streak_days, epoch(fetched_at), score, is_outflow "
            "from marts.fct_flows order by date"
        ).fetchall()
    assert rows == [
        (
            date(2025, 11, 14),
            "BTC",
            Decimal("-123.45"),
            3,
            NOON.replace(tzinfo=UTC).timestamp(),
            0.1 + 0.2,
            True,
        ),
        (date(2025, 11, 15), "ETH", Decimal("7.50"), 0, None, None, False),
    ]


def test_the_contract_not_null_columns_are_constraints(spark_dir: Path, tmp_path: Path) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        nullable = dict(
            conn.execute(
                "select column_name, is_nullable from information_schema.columns "
                "where table_schema = 'marts' and table_name = 'fct_flows'"
            ).fetchall()
        )
    assert nullable["date"] == "NO"
    assert nullable["asset"] == "YES"


def test_tables_without_a_contract_keep_the_parquet_types(spark_dir: Path, tmp_path: Path) -> None:
    """Spark's TIMESTAMP_NTZ stays naive; its TIMESTAMP (an instant, INT96) has a time zone."""
    instants = pa.table({"asset": ["BTC"], "seen_at": pa.array([NOON], pa.timestamp("us"))})
    write_spark_table(spark_dir, "intermediate", "int_flows_seen", instants, int96=True)
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert column_types(conn, "intermediate", "int_flows_ranked") == {
            "asset": "VARCHAR",
            "rank": "INTEGER",
            "seen_at": "TIMESTAMP",
        }
        assert conn.execute("select seen_at from intermediate.int_flows_ranked").fetchone() == (
            NOON,
        )
        assert column_types(conn, "intermediate", "int_flows_seen")["seen_at"] == (
            "TIMESTAMP WITH TIME ZONE"
        )
        conn.execute("set TimeZone = 'Asia/Tokyo'")
        assert conn.execute(
            "select epoch(seen_at) from intermediate.int_flows_seen"
        ).fetchone() == (NOON.replace(tzinfo=UTC).timestamp(),)


def test_an_existing_duckdb_table_is_refilled_in_place_with_its_own_types(
    spark_dir: Path, tmp_path: Path
) -> None:
    """As the DuckDB build left it: a timestamptz where Spark wrote a naive timestamp, and a
    constraint the reload must keep."""
    with connection(tmp_path / "w.duckdb") as conn:
        conn.execute("create schema intermediate")
        conn.execute(
            "create table intermediate.int_flows_ranked "
            "(asset varchar not null, rank bigint, seen_at timestamptz)"
        )
        conn.execute("insert into intermediate.int_flows_ranked values ('OLD', 9, null)")
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert column_types(conn, "intermediate", "int_flows_ranked") == {
            "asset": "VARCHAR",
            "rank": "BIGINT",
            "seen_at": "TIMESTAMP WITH TIME ZONE",
        }
        rows = conn.execute(
            "select asset, rank, epoch(seen_at) from intermediate.int_flows_ranked"
        ).fetchall()
        assert rows == [("BTC", 1, NOON.replace(tzinfo=UTC).timestamp())]
        with pytest.raises(Exception, match="NOT NULL"):
            conn.execute("insert into intermediate.int_flows_ranked values (null, 1, null)")


def test_a_table_built_with_other_types_is_recreated_from_the_contract(
    spark_dir: Path, tmp_path: Path
) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        conn.execute("create schema marts")
        conn.execute("create table marts.fct_flows (date varchar, asset varchar)")
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert column_types(conn, "marts", "fct_flows")["date"] == "DATE"
        assert conn.execute("select count(*) from marts.fct_flows").fetchone() == (2,)


def test_a_reload_replaces_the_rows(spark_dir: Path, tmp_path: Path) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        write_spark_table(spark_dir, "marts", "fct_flows", spark_flows(net="-1"))
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert conn.execute(
            "select count(*), min(net_flow_usd) from marts.fct_flows"
        ).fetchone() == (2, Decimal("-1.00"))


def test_a_reload_logs_its_marts_rebuilt_so_the_bi_copy_copies_them_whole(
    spark_dir: Path, tmp_path: Path
) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        logged = conn.execute(
            "select model, rebuilt_all, from_date from meta.mart_builds order by all"
        ).fetchall()
    marts = sorted(t.name for t in spark_tables(spark_dir) if t.schema == "marts")
    assert marts and logged == [(name, True, None) for name in marts]


def test_a_failed_import_leaves_the_previous_tables(spark_dir: Path, tmp_path: Path) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        before = conn.execute("select * from marts.fct_flows order by date").fetchall()
        # the next build: the intermediate table loads fine, then a mart lacks a contract column
        write_spark_table(
            spark_dir,
            "intermediate",
            "int_flows_ranked",
            pa.table({"asset": ["SOL"], "rank": pa.array([2], pa.int32()), "seen_at": [NOON]}),
        )
        broken = spark_flows().drop_columns(["score"])
        for old in (spark_dir / "marts.db" / "fct_flows").glob("part-*"):
            old.unlink()
        write_spark_table(spark_dir, "marts", "fct_flows", broken)
        with pytest.raises(SparkImportError, match=r"marts.fct_flows.*missing \['score'\]"):
            load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert conn.execute("select * from marts.fct_flows order by date").fetchall() == before
        assert conn.execute("select asset from intermediate.int_flows_ranked").fetchall() == [
            ("BTC",)
        ]


def test_a_value_the_contract_type_refuses_fails_the_whole_import(
    spark_dir: Path, tmp_path: Path
) -> None:
    with connection(tmp_path / "w.duckdb") as conn:
        load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        nulls = spark_flows().set_column(0, "date", pa.array([None, None], pa.date32()))
        write_spark_table(spark_dir, "marts", "fct_flows", nulls)
        with pytest.raises(SparkImportError, match="marts.fct_flows"):
            load_spark_tables(conn, spark_dir, contract_columns(MANIFEST))
        assert conn.execute(
            "select count(*) from marts.fct_flows where date is not null"
        ).fetchone() == (2,)


def test_nothing_built_on_spark_is_an_error(tmp_path: Path) -> None:
    with (
        connection(tmp_path / "w.duckdb") as conn,
        pytest.raises(SparkImportError, match="no tables"),
    ):
        load_spark_tables(conn, tmp_path / "spark", {})
