"""The pooled SQLite event log (orchestration/event_storage.py) subclasses a private Dagster
class, so this runs a small partitioned job through it on the pinned Dagster: if an upgrade
changes what it relies on, this fails (see the module's docstring for what to check)."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from orchestration.event_storage import PooledSqliteEventLogStorage
from orchestration.runs import INSTANCE_CONFIG

DAYS = dg.DailyPartitionsDefinition(start_date="2025-11-01", end_date="2025-11-08")


@dg.asset(partitions_def=DAYS, backfill_policy=dg.BackfillPolicy.single_run())
def numbers(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(metadata={"days": len(context.partition_keys)})


@dg.asset(deps=[numbers])
def total() -> None:
    return None


def use_project_instance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dagster home with the checked-in instance config (which reads DAGSTER_HOME)."""
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(INSTANCE_CONFIG, home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))


def run_range(instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    """``numbers`` for 2025-11-01..07 as one single-run backfill."""
    job = dg.define_asset_job("range", selection=[numbers]).resolve(
        asset_graph=dg.Definitions(assets=[numbers, total]).resolve_asset_graph()
    )
    return job.execute_in_process(
        instance=instance,
        tags={
            "dagster/asset_partition_range_start": "2025-11-01",
            "dagster/asset_partition_range_end": "2025-11-07",
        },
    )


def test_a_partitioned_range_runs_through_the_pooled_event_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_project_instance(tmp_path, monkeypatch)
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
        result = run_range(instance)
        assert result.success
        # one "planned" event for the whole range, not one per partition
        planned = instance.get_records_for_run(
            result.run_id, of_type=dg.DagsterEventType.ASSET_MATERIALIZATION_PLANNED
        ).records
        assert len(planned) == 1
        materialized = instance.get_materialized_partitions(dg.AssetKey("numbers"))
        assert materialized == {f"2025-11-0{d}" for d in range(1, 8)}
        # the webserver reads runs back through the same storage
        assert instance.get_run_by_id(result.run_id).is_success


def test_schema_facts_are_looked_up_once_not_per_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stock storage asks "does this table exist?" (a new engine and connection) and
    inspects the asset-key columns for every asset event; the pooled one asks once."""
    from dagster._core.storage.event_log import ConsolidatedSqliteEventLogStorage
    from dagster._core.storage.event_log.sql_event_log import SqlEventLogStorage

    asked: list[str] = []
    stock_has_table = ConsolidatedSqliteEventLogStorage.has_table
    stock_index_cols = SqlEventLogStorage._has_asset_key_index_cols_on_connection
    monkeypatch.setattr(
        ConsolidatedSqliteEventLogStorage,
        "has_table",
        lambda self, name: asked.append(name) or stock_has_table(self, name),
    )
    monkeypatch.setattr(
        SqlEventLogStorage,
        "_has_asset_key_index_cols_on_connection",
        lambda self, conn: asked.append("index cols") or stock_index_cols(self, conn),
    )
    storage = PooledSqliteEventLogStorage(str(tmp_path))
    assert storage.has_table("asset_event_tags") and storage.has_table("asset_event_tags")
    assert not storage.has_table("no_such_table") and not storage.has_table("no_such_table")
    assert asked.count("asset_event_tags") == 1  # remembered once present
    assert asked.count("no_such_table") == 2  # a missing table is asked again (a migration)

    use_project_instance(tmp_path, monkeypatch)
    asked.clear()
    with dg.DagsterInstance.get() as instance:
        result = run_range(instance)
        assert result.success
        assert len(instance.get_materialized_partitions(dg.AssetKey("numbers"))) == 7
    # 7 materializations stored, each asking for the tags table and the index columns
    assert asked.count("asset_event_tags") <= 1
    assert asked.count("index cols") <= 1


def test_a_batch_of_materializations_is_stored_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With DAGSTER_EVENT_BATCH_SIZE set (as `crw` sets it), a range run's per-partition
    materializations reach the storage as one batch, stored in one transaction, and read back
    as with one-by-one writes; a batch that fails part-way keeps nothing of itself."""
    use_project_instance(tmp_path, monkeypatch)
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "1000")
    batches: list[int] = []
    stock_batch = PooledSqliteEventLogStorage.store_event_batch

    def recording(self, events):
        batches.append(len(events))
        return stock_batch(self, events)

    monkeypatch.setattr(PooledSqliteEventLogStorage, "store_event_batch", recording)
    with dg.DagsterInstance.get() as instance:
        result = run_range(instance)
        assert result.success
        assert batches == [7]
        key = dg.AssetKey("numbers")
        assert instance.get_materialized_partitions(key) == {f"2025-11-0{d}" for d in range(1, 8)}
        records = instance.fetch_materializations(key, limit=10).records
        assert len(records) == 7 and records[0].partition_key == "2025-11-07"

        # A batch whose fourth write fails leaves none of its events behind.
        storage = instance.event_log_storage
        events = [r.event_log_entry for r in records]
        calls = {"n": 0}
        stock_store = PooledSqliteEventLogStorage.store_event

        def failing(self, event):
            calls["n"] += 1
            if calls["n"] == 4:
                raise RuntimeError("disk full")
            return stock_store(self, event)

        monkeypatch.setattr(PooledSqliteEventLogStorage, "store_event", failing)
        before = len(instance.all_logs(result.run_id))
        with pytest.raises(RuntimeError, match="disk full"):
            stock_batch(storage, events)
        assert len(instance.all_logs(result.run_id)) == before


# --- a day's run (one partition) of assets with unpartitioned checks, as daily_pipeline is


@dg.asset(
    partitions_def=DAYS,
    check_specs=[dg.AssetCheckSpec("loaded", asset="landed")],
)
def landed() -> dg.MaterializeResult:
    return dg.MaterializeResult(check_results=[dg.AssetCheckResult(passed=True)])


@dg.multi_asset(
    specs=[dg.AssetSpec("mart", deps=[landed])],
    check_specs=[
        dg.AssetCheckSpec("key_unique", asset="mart"),
        dg.AssetCheckSpec("full_build_only", asset="mart"),
    ],
    can_subset=True,
)
def mart() -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    # like the dbt asset on a day: one of its checks is not run (the full_build tier)
    yield dg.MaterializeResult(asset_key="mart")
    yield dg.AssetCheckResult(asset_key="mart", check_name="key_unique", passed=False)


@dg.asset(partitions_def=DAYS, deps=[mart])
def published() -> None:
    # a partitioned asset after the unpartitioned one, as the BI copy is in daily_pipeline
    # (Dagster takes the run's partitions from the last asset step it plans)
    return None


def check_rows(instance: dg.DagsterInstance, run_id: str) -> list[tuple[str, str]]:
    rows = []
    for key in (
        dg.AssetCheckKey(dg.AssetKey("landed"), "loaded"),
        dg.AssetCheckKey(dg.AssetKey("mart"), "key_unique"),
        dg.AssetCheckKey(dg.AssetKey("mart"), "full_build_only"),
    ):
        for record in instance.event_log_storage.get_asset_check_execution_history(key, 10):
            if record.run_id == run_id:
                rows.append((key.name, record.status.value))
    return sorted(rows)


def test_a_days_run_keeps_one_execution_per_check_with_its_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dagster 1.13 plans an unpartitioned check of a one-partition run with the run's partition
    # but stores its result without one: each check ran would keep a second, "planned" row
    # (shown as skipped) next to its result in the check's history.
    use_project_instance(tmp_path, monkeypatch)
    with dg.DagsterInstance.get() as instance:
        assets = [landed, mart, published]
        job = dg.define_asset_job("day", selection=assets, partitions_def=DAYS).resolve(
            asset_graph=dg.Definitions(assets=assets).resolve_asset_graph()
        )
        result = job.execute_in_process(
            instance=instance, partition_key="2025-11-03", raise_on_error=False
        )
        assert check_rows(instance, result.run_id) == [
            ("full_build_only", "PLANNED"),  # not run: the UI shows it skipped
            ("key_unique", "FAILED"),
            ("loaded", "SUCCEEDED"),
        ]
