"""The incremental transform equals a full rebuild, row for row, for every mart.

The session's sample run is a range run and a full rebuild. On a copy of its warehouse:

1. the late data is taken out of the raw tables: the Farside BTC figures of 2025-09-03 become
   "-" (untallied, as the page showed them before the +300.5m was published), and the BLS and
   Fed calendar snapshots from 2025-10-10 on (when September's CPI moved from Oct 15 to Oct 24)
   are removed; then a ``--full-refresh`` transform rebuilds the marts from that state;
2. the late data is loaded back (new rows, as a later load inserts them): the next transform
   recomputes only from 2025-09-03 on, and every mart equals the session's full rebuild;
3. a one-day run (``crw run --start D --end D``, the runs API) then recomputes only the days of
   its trailing window, and every mart still equals the full rebuild.
"""

from __future__ import annotations

import math
import shutil
from datetime import date
from decimal import Decimal

import dagster as dg
import pytest
from sample_env import sample_environment, step_failures

from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end

REVISED_DAY = date(2025, 9, 3)
CALENDAR_MOVE_DAY = date(2025, 10, 10)
ONE_DAY = date(2025, 11, 15)
# Each float of a mart within this relative distance of the full rebuild's.
REL_TOL = 1e-9


def _transform(settings: Settings, *, full_refresh: bool = False) -> None:
    from orchestration.assets.dbt import FULL_REFRESH_TAG
    from orchestration.definitions import defs

    tags = {FULL_REFRESH_TAG: "true"} if full_refresh else {}
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def("transform").execute_in_process(
            instance=instance, tags=tags, raise_on_error=False
        )
    if not result.success:
        pytest.fail("transform failed:\n" + "\n".join(step_failures([result])))


def _window(conn) -> tuple[date | None, bool]:
    return conn.execute("select from_date, full_refresh from meta.transform_window").fetchone()


def _marts(conn) -> dict[str, list[tuple]]:
    tables = [
        name
        for (name,) in conn.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
        ).fetchall()
    ]
    return {
        name: conn.execute(f"select * from marts.{name} order by all").fetchall() for name in tables
    }


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b or abs(a - b) <= REL_TOL * max(abs(a), abs(b))
    return a == b


def _differences(expected: dict, actual: dict) -> list[str]:
    problems = []
    assert sorted(actual) == sorted(expected)
    for name, rows in expected.items():
        got = actual[name]
        if len(got) != len(rows):
            problems.append(f"{name}: {len(got)} rows, the full rebuild has {len(rows)}")
            continue
        for want, have in zip(rows, got, strict=True):
            if not all(_same(w, h) for w, h in zip(want, have, strict=True)):
                problems.append(f"{name}: {have} != full rebuild {want}")
                break
    return problems


def _without_revised_versions(marts: dict) -> tuple[dict, list[tuple]]:
    """fct_etf_flow_versions holds the '-' version this test added (the sample's backfill
    never saw it): its BTC 2025-09-03 rows are set aside, the rest compared as is."""
    versions = marts["fct_etf_flow_versions"]
    revised = [r for r in versions if r[0] == REVISED_DAY and r[1] == "BTC"]
    rest = [r for r in versions if not (r[0] == REVISED_DAY and r[1] == "BTC")]
    return {**marts, "fct_etf_flow_versions": rest}, revised


@pytest.fixture(scope="module")
def incremental(sample_run: Settings, tmp_path_factory: pytest.TempPathFactory):
    from orchestration import runs
    from warehouse.connection import connect, connection

    with connection(sample_run.duckdb_path, read_only=True) as conn:
        full = _marts(conn)

    data_dir = tmp_path_factory.mktemp("incremental") / "data"
    data_dir.mkdir(parents=True)
    shutil.copy2(sample_run.duckdb_path, data_dir / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, data_dir / wal.name)

    stages = {}
    with sample_environment(data_dir) as settings:
        runs.prepare_environment(settings)
        runs.prepare_dbt()
        with connection(settings.duckdb_path) as conn:
            conn.execute("create schema late")
            late_farside = "asset = 'BTC' and date = ?"
            conn.execute(
                f"create table late.etf_flows as select * from raw_farside.etf_flows "
                f"where {late_farside}",
                [REVISED_DAY],
            )
            conn.execute(f"delete from raw_farside.etf_flows where {late_farside}", [REVISED_DAY])
            # The page as first fetched: the day's row with every fund untallied ("-").
            conn.execute(
                """
                insert into raw_farside.etf_flows
                select * replace (
                    null::decimal(18, 2) as flow_usd_m,
                    null::decimal(18, 2) as site_total_usd_m,
                    timestamptz '2025-09-04 00:10:00+00' as fetched_at,
                    'untallied-' || ticker as _payload_sha256
                )
                from late.etf_flows
                qualify row_number() over (partition by ticker order by fetched_at) = 1
                """
            )
            for table in ("raw_bls.release_schedule", "raw_fed.fomc_meetings"):
                late = "late." + table.split(".")[1]
                conn.execute(
                    f"create table {late} as select * from {table} where date >= ?",
                    [CALENDAR_MOVE_DAY],
                )
                conn.execute(f"delete from {table} where date >= ?", [CALENDAR_MOVE_DAY])

        _transform(settings, full_refresh=True)
        with connection(settings.duckdb_path) as conn:
            stages["before_window"] = _window(conn)
            stages["before"] = _marts(conn)
            # The late rows arrive: a load inserts them (new lineage) and logs the load.
            for table in (
                "raw_farside.etf_flows",
                "raw_bls.release_schedule",
                "raw_fed.fomc_meetings",
            ):
                late = "late." + table.split(".")[1]
                conn.execute(
                    f"insert into {table} select * replace (now() as _loaded_at) from {late}"
                )
                conn.execute(
                    "insert into meta.load_log select 'late', ?, null, null, 0, count(*), "
                    f"'sample', now() from {late}",
                    [table],
                )
            conn.execute("drop schema late cascade")

        _transform(settings)
        with connection(settings.duckdb_path) as conn:
            stages["revised_window"] = _window(conn)
            stages["revised"] = _marts(conn)

        results = runs.run_pipeline(settings, ONE_DAY, ONE_DAY, quiet=True)
        failures = step_failures(results)
        if failures or not all(r.success for r in results):
            pytest.fail("one-day run failed:\n" + "\n".join(failures))
        conn = connect(settings.duckdb_path, read_only=True)
        stages["one_day_window"] = _window(conn)
        stages["one_day"] = _marts(conn)
        conn.close()
        stages["one_day_bi"] = _bi_copy(settings)
        stages["one_day_built"] = _dbt_nodes_run(results)

        # A bad print inside the next day's window: the tiered build still runs the staging
        # tests (the day's source data) and fails on it.
        with connection(settings.duckdb_path) as conn:
            conn.execute(
                "insert into raw_binance.funding_rates select * replace (0.5 as funding_rate, "
                "now() as _loaded_at) from raw_binance.funding_rates where date = ? "
                "and symbol = 'BTCUSDT' qualify row_number() over (order by funding_at) = 1",
                [ONE_DAY],
            )
            conn.execute(
                "insert into meta.load_log select 'bad', 'raw_binance.funding_rates', null, "
                "null, 0, 1, 'sample', now()"
            )
        from orchestration.definitions import defs

        with dg.DagsterInstance.get() as instance:
            bad = defs.resolve_job_def("transform").execute_in_process(
                instance=instance, raise_on_error=False
            )
        stages["bad_day"] = (bad.success, step_failures([bad]), _dbt_nodes_run([bad]))
    return full, stages


def _bi_copy(settings: Settings) -> tuple[bool, dict, dict]:
    """What the day's BI copy holds: whether it was incremental, its tables, its Parquet files."""
    from warehouse.connection import connect, connect_memory
    from warehouse.publish import BI_FILE

    with connect(settings.bi_dir / BI_FILE, read_only=True) as bi:
        (incremental,) = bi.execute("select incremental from main.publication").fetchone()
        tables = [
            name
            for (name,) in bi.execute(
                "select table_name from duckdb_tables() where table_name <> 'publication'"
            ).fetchall()
        ]
        copied = {
            name: bi.execute(f"select * from main.{name} order by all").fetchall()
            for name in tables
        }
    with connect_memory() as memory:
        parquet = {
            name: memory.execute(
                "select * from read_parquet(?, hive_partitioning = false) order by all",
                [str(settings.bi_dir / "parquet" / name / "**" / "*.parquet")],
            ).fetchall()
            for name in tables
        }
    return incremental, copied, parquet


def _dbt_nodes_run(results) -> dict[str, set[str]]:
    """The dbt models a run materialized and the dbt tests it evaluated (asset checks), by
    the asset keys' and checks' names."""
    models, tests = set(), set()
    for result in results:
        for event in result.all_events:
            if event.event_type_value == "ASSET_MATERIALIZATION":
                models.add(event.asset_key.path[-1])
            elif event.event_type_value == "ASSET_CHECK_EVALUATION":
                tests.add(event.event_specific_data.check_name)
    return {"models": models, "tests": tests}


def test_full_refresh_rebuilds_everything(incremental) -> None:
    full, stages = incremental
    assert stages["before_window"] == (None, True)
    # Before the late data the marts are those of the earlier state: the untallied day and the
    # original CPI date.
    before = stages["before"]
    btc_day = [r for r in before["fct_etf_flows_asset_daily"] if r[:2] == (REVISED_DAY, "BTC")]
    assert btc_day == []
    assert before["dim_macro_events"] != full["dim_macro_events"]


def test_a_late_revision_recomputes_from_its_day_and_equals_the_full_rebuild(incremental) -> None:
    full, stages = incremental
    assert stages["revised_window"] == (REVISED_DAY, False)
    revised, versions = _without_revised_versions(stages["revised"])
    expected, _ = _without_revised_versions(full)
    assert _differences(expected, revised) == []
    # The day's versions: untallied first, then the +300.5m the page published later.
    by_version = sorted(versions, key=lambda r: (r[2], r[3]))
    assert {r[3] for r in by_version} == {1, 2}
    assert all(r[4] is None for r in by_version if r[3] == 1)
    total = sum(r[4] for r in by_version if r[3] == 2)
    assert total == Decimal("300500000.00")


def test_a_one_day_run_recomputes_its_window_only_and_equals_the_full_rebuild(incremental):
    full, stages = incremental
    from_date, full_refresh = stages["one_day_window"]
    assert not full_refresh
    # The day and the trailing window its sources re-fetch, never the whole history.
    assert date(2025, 9, 1) <= from_date <= ONE_DAY
    one_day, _ = _without_revised_versions(stages["one_day"])
    expected, _ = _without_revised_versions(full)
    assert _differences(expected, one_day) == []


def test_the_days_bi_copy_is_incremental_and_equals_the_warehouse_and_the_full_rebuild(
    incremental,
) -> None:
    full, stages = incremental
    was_incremental, copied, parquet = stages["one_day_bi"]
    # The transforms before it published a copy: the day's rewrote only its window's days.
    assert was_incremental
    assert copied == stages["one_day"]
    assert parquet == stages["one_day"]
    expected, _ = _without_revised_versions(full)
    assert _differences(expected, _without_revised_versions(copied)[0]) == []


def test_a_one_day_build_leaves_out_what_a_day_cannot_change(incremental) -> None:
    _, stages = incremental
    built = stages["one_day_built"]
    # Views and seeds keep their definitions between full builds (any change to the project
    # is one): the day's build does not recreate them. The incremental models and tables are.
    assert not {"stg_binance__funding_rates", "etf_issuers", "price_levels"} & built["models"]
    assert {"int_asset_prices_rsi_computed", "fct_market_pulse_daily", "fct_prices_daily"} <= built[
        "models"
    ]
    # The staging tests (the day's source data) and the marts' tests run; the intermediate
    # models' tests (the full_build tier) and the seeds' wait for a full build.
    tests = built["tests"]
    assert any(name.endswith("stg_binance__funding_rates_funding_rate") for name in tests)
    assert "unique_fct_market_pulse_daily_v2_date" in tests
    assert not [name for name in tests if "_int_" in f"_{name}" or "etf_issuers" in name]


def test_a_tiered_day_still_fails_on_bad_source_data(incremental) -> None:
    _, stages = incremental
    success, failures, _ = stages["bad_day"]
    assert not success
    assert any(
        "accepted_range_stg_binance__funding_rates_funding_rate" in message for message in failures
    ), failures
