"""The pooled SQLite event log (orchestration/event_storage.py) subclasses a private Dagster
class, so this runs a small partitioned job through it on the pinned Dagster: if an upgrade
changes what it relies on, this fails (see the module's docstring for what to check)."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from orchestration.event_storage import AssetCheckExecutionsTable, PooledSqliteEventLogStorage
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


# --- a range run's batch leaves the index rows that event-by-event writes leave


@dg.asset(
    partitions_def=DAYS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    check_specs=[dg.AssetCheckSpec("parsed", asset="ranged")],
)
def ranged(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    # like a raw asset: a range's load, observed, then materialized with a check result
    context.log_event(dg.AssetObservation(asset_key="ranged", metadata={"payloads": 3}))
    return dg.MaterializeResult(
        metadata={"days": len(context.partition_keys)},
        check_results=[dg.AssetCheckResult(passed=True)],
    )


def index_rows(storage) -> dict[str, list[tuple]]:
    from dagster._core.storage.event_log.schema import AssetKeyTable

    with storage.index_connection() as conn:
        keys = conn.execute(AssetKeyTable.select().order_by(AssetKeyTable.c.asset_key)).fetchall()
        checks = conn.execute(
            AssetCheckExecutionsTable.select().order_by(AssetCheckExecutionsTable.c.id)
        ).fetchall()
    # (not the row's id and creation time: the database's own, when the row was inserted)
    own = {"id", "create_timestamp"}

    def written(rows) -> list[tuple]:
        return [tuple(v for k, v in row._mapping.items() if k not in own) for row in rows]

    return {"asset_keys": written(keys), "check_executions": written(checks)}


def test_a_batch_leaves_the_index_rows_of_event_by_event_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pooled storage writes an asset's index row once per batch and a range check's
    planned rows in one executemany; replaying the same events one by one into Dagster's own
    storage must leave the same rows: the asset's last materialization (the whole event),
    its last run, its timestamp, and one planned check row per partition, then the result."""
    from dagster._core.storage.event_log import ConsolidatedSqliteEventLogStorage

    use_project_instance(tmp_path, monkeypatch)
    monkeypatch.setenv("DAGSTER_EVENT_BATCH_SIZE", "1000")
    with dg.DagsterInstance.get() as instance:
        job = dg.define_asset_job("range", selection=[ranged]).resolve(
            asset_graph=dg.Definitions(assets=[ranged]).resolve_asset_graph()
        )
        result = job.execute_in_process(
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": "2025-11-01",
                "dagster/asset_partition_range_end": "2025-11-07",
            },
        )
        assert result.success
        events = instance.all_logs(result.run_id)
        pooled = index_rows(instance.event_log_storage)

    stock = ConsolidatedSqliteEventLogStorage(str(tmp_path / "stock"))
    for event in events:
        stock.store_event(event)
    assert pooled["asset_keys"] == index_rows(stock)["asset_keys"]
    record = instance.event_log_storage.get_asset_records([dg.AssetKey("ranged")])[0]
    last = record.asset_entry.last_materialization_record
    assert last is not None and last.partition_key == "2025-11-07"  # written once, the last

    # The planned check rows, before the check's result replaces them (module docstring):
    # one per partition of the range, as Dagster's own storage writes them.
    planned = [
        e for e in events if e.dagster_event_type != dg.DagsterEventType.ASSET_CHECK_EVALUATION
    ]
    stock_planned = ConsolidatedSqliteEventLogStorage(str(tmp_path / "stock-planned"))
    pooled_planned = PooledSqliteEventLogStorage(str(tmp_path / "pooled-planned"))
    for event in planned:
        stock_planned.store_event(event)
        pooled_planned.store_event(event)
    rows = index_rows(pooled_planned)["check_executions"]
    assert rows == index_rows(stock_planned)["check_executions"]
    assert [row[2] for row in rows] == [f"2025-11-0{d}" for d in range(1, 8)]
    for storage in (stock, stock_planned, pooled_planned):
        storage.dispose()
