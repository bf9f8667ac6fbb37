"""Re-running a partition range on a loaded warehouse gives identical raw and mart rows (each
load replaces its date window in one transaction): the sample run's warehouse is copied, the
pipeline re-run on the copy for the last days of the sample, and every raw and marts table
compared row for row with the original."""

from __future__ import annotations

import math
import shutil
from datetime import date

import pytest
from sample_env import sample_environment, step_failures

from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end

RERUN_START, RERUN_END = date(2025, 11, 10), date(2025, 11, 15)

# Columns that describe the load or the fetch, not the data: which batch and when
# (_batch_id, _loaded_at), the landing file (_landing_path, under the re-run's own data dir),
# the payload's hash (the re-run asks for a shorter window, so its payloads are other bytes)
# and the wall-clock time a snapshot page was fetched (fetched_at: bls, fed, farside).
LOAD_METADATA = ("_batch_id", "_loaded_at", "_landing_path", "_payload_sha256", "fetched_at")


@pytest.fixture(scope="module")
def rerun(sample_run: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of the sample run's warehouse (only the DuckDB file, in a fresh data dir) on which
    the pipeline has been run again for RERUN_START..RERUN_END."""
    from orchestration import runs

    data_dir = tmp_path_factory.mktemp("rerun") / "data"
    data_dir.mkdir(parents=True)
    shutil.copy2(sample_run.duckdb_path, data_dir / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, data_dir / wal.name)

    with sample_environment(data_dir) as settings:
        assert settings.duckdb_path == data_dir / "warehouse.duckdb"
        runs.prepare_environment(settings)
        runs.prepare_dbt()
        results = runs.run_pipeline(settings, RERUN_START, RERUN_END, quiet=True)
    failures = step_failures(results)
    if failures or not all(r.success for r in results):
        pytest.fail("re-run of the pipeline failed:\n" + "\n".join(failures))
    return settings


def _tables(conn, raw: bool) -> list[str]:
    where = "schema_name like 'raw\\_%' escape '\\'" if raw else "schema_name = 'marts'"
    return [
        f"{schema}.{table}"
        for schema, table in conn.execute(
            f"select schema_name, table_name from duckdb_tables() where {where} order by all"
        ).fetchall()
    ]


def _rows(conn, table: str, exclude: tuple[str, ...] = ()) -> list[tuple]:
    schema, name = table.split(".")
    columns = [
        c
        for (c,) in conn.execute(
            "select column_name from duckdb_columns() where schema_name = ? and table_name = ? "
            "order by column_index",
            [schema, name],
        ).fetchall()
        if c not in exclude
    ]
    select = ", ".join(f'"{c}"' for c in columns)
    rows = conn.execute(f"select {select} from {table} order by all").fetchall()
    # NaN != NaN: compare it by name so a NaN in both copies counts as identical.
    return [
        tuple("NaN" if isinstance(v, float) and math.isnan(v) else v for v in row) for row in rows
    ]


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


def _differences(original, rerun_conn, tables: list[str], exclude: tuple[str, ...]) -> dict:
    out = {}
    for table in tables:
        before, after = _rows(original, table, exclude), _rows(rerun_conn, table, exclude)
        if not _same_rows(before, after):
            before_set, after_set = {repr(r) for r in before}, {repr(r) for r in after}
            out[table] = {
                "rows": (len(before), len(after)),
                "only_original": [r for r in before if repr(r) not in after_set][:2],
                "only_rerun": [r for r in after if repr(r) not in before_set][:2],
                "duplicate_rows": (len(before) - len(before_set), len(after) - len(after_set)),
            }
    return out


@pytest.fixture(scope="module")
def rerun_conn(rerun: Settings):
    from warehouse.connection import connect

    conn = connect(rerun.duckdb_path, read_only=True)
    yield conn
    conn.close()


def test_rerunning_a_partition_range_reloads_it(rerun_conn) -> None:
    # Not a vacuous comparison: the re-run replaced the window's rows of the raw tables.
    loads = rerun_conn.execute(
        """
        select table_name, rows_deleted, rows_inserted from meta.load_log
        where window_start = ? and window_end = ? and table_name = 'raw_binance.spot_klines'
        """,
        [RERUN_START, RERUN_END],
    ).fetchall()
    assert loads == [("raw_binance.spot_klines", 30, 30)]  # 5 assets x 6 days


def test_rerunning_a_partition_range_gives_identical_raw_rows(marts, rerun_conn) -> None:
    tables = _tables(marts, raw=True)
    assert len(tables) >= 10 and _tables(rerun_conn, raw=True) == tables
    assert _differences(marts, rerun_conn, tables, LOAD_METADATA) == {}


def test_rerunning_a_partition_range_gives_identical_mart_rows(marts, rerun_conn) -> None:
    tables = _tables(marts, raw=False)
    assert "marts.fct_market_daily" in tables and _tables(rerun_conn, raw=False) == tables
    assert _differences(marts, rerun_conn, tables, ()) == {}
