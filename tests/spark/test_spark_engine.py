"""The Spark engine (README "Outgrowing one machine"), the way a user runs it: `crw run --engine
spark` on the bundled sample in a fresh data dir. Ingestion writes the raw lake, dbt builds
every model, data test and unit test of the project on a local Spark session over that lake,
and the Spark tables come back into DuckDB for the BI copy and the brief.

Every mart Spark built (its Parquet files, read directly) must equal the DuckDB build of the
same sample (the session's `sample_run`): the same columns and rows, numbers within 1e-9
relative, everything else exactly; and the run must print the DuckDB run's headline.

One Spark run serves the module (about 3 minutes on 2 cores: a JVM, then ~300 dbt nodes)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.spark.parity import differences
from warehouse.settings import PROJECT_DIR, Settings

pytestmark = [pytest.mark.spark, pytest.mark.end_to_end]

CRW = Path(sys.executable).with_name("crw")


@pytest.fixture(scope="module")
def spark_run(
    sample_run: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[subprocess.CompletedProcess[str], Settings]:
    data_dir = tmp_path_factory.mktemp("spark_run") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRW_")}
    env.pop("DAGSTER_HOME", None)
    env.update(CRW_SOURCE_MODE="sample", CRW_DATA_DIR=str(data_dir))
    run = subprocess.run(
        [str(CRW), "run", "--engine", "spark", "--quiet"],
        env=env,
        cwd=PROJECT_DIR,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if run.returncode != 0:
        pytest.fail(f"crw run --engine spark: exit {run.returncode}\n{run.stdout}\n{run.stderr}")
    return run, Settings.from_env({"CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(data_dir)})


def _marts(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        "select table_name from information_schema.tables "
        "where table_schema = 'marts' and table_type = 'BASE TABLE' order by 1"
    ).fetchall()
    return [name for (name,) in rows]


def _frame(conn: duckdb.DuckDBPyConnection, table: str) -> pl.DataFrame:
    return pl.from_arrow(conn.sql(f"select * from {table}").to_arrow_table())


def test_spark_run_prints_the_duckdb_headline(spark_run, sample_run: Settings) -> None:
    from orchestration import runs

    run, _ = spark_run
    assert "engine spark" in run.stdout
    duckdb_headline = [line for line in runs.outputs(sample_run) if line.startswith("  ")]
    spark_headline = [line for line in run.stdout.splitlines() if line.startswith("  ")]
    assert duckdb_headline and spark_headline == duckdb_headline


def test_every_mart_spark_built_equals_the_duckdb_build(spark_run, marts) -> None:
    _, spark = spark_run
    tables = _marts(marts)
    assert len(tables) >= 18
    found = []
    for table in tables:
        files = sorted((spark.spark_dir / "warehouse" / "marts.db" / table).glob("*.parquet"))
        if not files:
            found.append(f"marts.{table}: not built on Spark")
            continue
        built = pl.read_parquet(files)
        found += differences(f"marts.{table}", _frame(marts, f"marts.{table}"), built)
    assert not found, "\n".join(found)


def test_the_bi_copy_and_brief_come_from_the_spark_marts(spark_run, marts) -> None:
    """The Spark tables loaded back into DuckDB have the DuckDB build's column names and types
    and its rows, so the BI copy and the brief are made exactly as after a DuckDB run."""
    _, spark = spark_run
    with duckdb.connect(str(spark.duckdb_path), read_only=True) as loaded:
        assert _marts(loaded) == _marts(marts)
        found = []
        for table in _marts(marts):
            schema = (
                "select column_name, data_type from information_schema.columns "
                f"where table_schema = 'marts' and table_name = '{table}' order by ordinal_position"
            )
            assert loaded.execute(schema).fetchall() == marts.execute(schema).fetchall(), table
            found += differences(
                f"marts.{table}", _frame(marts, f"marts.{table}"), _frame(loaded, f"marts.{table}")
            )
        assert not found, "\n".join(found)
    assert (spark.bi_dir / "marts.duckdb").exists() or any(spark.bi_dir.glob("*.duckdb"))
    assert (spark.reports_dir / "risk_brief.html").exists()
