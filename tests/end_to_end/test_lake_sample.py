"""The sample run's raw lake mirrors its warehouse: every raw table (and meta.universe) has as
many rows in its Parquet files as in DuckDB, and sync_lake finds nothing to re-export.

This holds only if no other test loads into the session run's lake: each test's Settings must
derive its lake from its own data dir (CRW_LAKE_DIR exported by the session run must not leak)."""

from __future__ import annotations

import pytest

from warehouse import lake
from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end


def test_every_raw_table_has_its_rows_in_the_lake(sample_run: Settings, marts) -> None:
    tables = lake.lake_tables(marts)
    assert len(tables) > 10 and "meta.universe" in [t.qualified for t in tables]
    differ = {}
    for table in tables:
        (in_duckdb,) = marts.execute(f"select count(*) from {table.qualified}").fetchone()
        files = sorted(str(p) for p in table.dir(sample_run.lake_dir).rglob("part-0.parquet"))
        assert files, f"{table.qualified}: no lake file under {sample_run.lake_dir}"
        (in_lake,) = marts.execute(
            "select count(*) from read_parquet(?, hive_partitioning = false)", [files]
        ).fetchone()
        if in_lake != in_duckdb:
            differ[table.qualified] = (in_duckdb, in_lake)
    assert differ == {}


def test_sync_lake_finds_the_sample_lake_in_sync(sample_run: Settings, marts) -> None:
    assert lake.sync_lake(marts, sample_run.lake_dir) == []
