"""The sample-mode one-day run, which re-fetches each incremental source's trailing window,
leaves the raw and mart rows of a loaded warehouse exactly as they were: the sample run's
warehouse is copied, the scheduled one-day run repeated on the copy for its last day, and every
raw and marts table compared row for row with the original."""

from __future__ import annotations

import math
import shutil
from datetime import date

import pytest
from sample_env import sample_environment, step_failures

from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end

DAY = date(2025, 11, 15)
# Load lineage, not data (see tests/end_to_end/test_rerun.py).
LOAD_METADATA = ("_batch_id", "_loaded_at", "_landing_path", "_payload_sha256", "fetched_at")


@pytest.fixture(scope="module")
def one_day(sample_run: Settings, tmp_path_factory: pytest.TempPathFactory):
    from orchestration import runs
    from warehouse.connection import connect

    data_dir = tmp_path_factory.mktemp("one_day") / "data"
    data_dir.mkdir(parents=True)
    shutil.copy2(sample_run.duckdb_path, data_dir / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, data_dir / wal.name)
    with sample_environment(data_dir) as settings:
        runs.prepare_environment(settings)
        runs.prepare_dbt()
        results = runs.run_pipeline(settings, DAY, DAY, quiet=True)
    failures = step_failures(results)
    if failures or not all(r.success for r in results):
        pytest.fail("one-day run failed:\n" + "\n".join(failures))
    conn = connect(settings.duckdb_path, read_only=True)
    yield conn
    conn.close()


def _tables(conn, where: str) -> list[str]:
    return [
        f"{schema}.{table}"
        for schema, table in conn.execute(
            f"select schema_name, table_name from duckdb_tables() where {where} order by all"
        ).fetchall()
    ]


def _rows(conn, table: str) -> list[tuple]:
    schema, name = table.split(".")
    columns = [
        f'"{c}"'
        for (c,) in conn.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
            "order by column_index",
            [schema, name],
        ).fetchall()
        if c not in LOAD_METADATA
    ]
    rows = conn.execute(f"select {', '.join(columns)} from {table} order by all").fetchall()
    return [tuple("NaN" if isinstance(v, float) and math.isnan(v) else v for v in r) for r in rows]


# An incremental transform reads each window over a shorter stretch of history than a full
# rebuild, so DuckDB may sum a window's floats in another order: a float may differ in its last
# bits (README "Incremental transform"). Floats compare within 1e-9 relative, the rest exactly.
def _same_rows(before: list[tuple], after: list[tuple]) -> bool:
    def same(a: object, b: object) -> bool:
        if isinstance(a, float) and isinstance(b, float):
            return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
        return a == b

    return len(before) == len(after) and all(
        len(x) == len(y) and all(same(a, b) for a, b in zip(x, y, strict=True))
        for x, y in zip(before, after, strict=True)
    )


def test_the_one_day_run_reloaded_its_trailing_window(one_day) -> None:
    windows = dict(
        one_day.execute(
            "select table_name, min(window_start) from meta.load_log "
            "where window_end = ? and loaded_at = (select max(loaded_at) from meta.load_log l "
            "where l.table_name = load_log.table_name) group by 1",
            [DAY],
        ).fetchall()
    )
    assert windows["raw_binance.spot_klines"] == date(2025, 11, 12)
    assert windows["raw_fred.observations"] == date(2025, 11, 10)
    assert windows["raw_deribit.book_summaries"] == DAY  # a snapshot: no trailing window


def test_the_one_day_run_leaves_raw_and_mart_rows_identical(marts, one_day) -> None:
    where = "schema_name like 'raw\\_%' escape '\\' or schema_name = 'marts'"
    tables = _tables(marts, where)
    assert "marts.fct_market_daily" in tables and _tables(one_day, where) == tables
    changed = [t for t in tables if not _same_rows(_rows(marts, t), _rows(one_day, t))]
    assert changed == []
