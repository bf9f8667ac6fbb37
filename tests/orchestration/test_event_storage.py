"""The pooled SQLite event log (orchestration/event_storage.py) subclasses a private Dagster
class, so this runs a small partitioned job through it on the pinned Dagster: if an upgrade
changes what it relies on, this fails (see the module's docstring for what to check)."""

import shutil
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


def test_a_partitioned_range_runs_through_the_pooled_event_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copyfile(INSTANCE_CONFIG, home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))  # the checked-in config reads it
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.event_log_storage, PooledSqliteEventLogStorage)
        job = dg.define_asset_job("range", selection=[numbers]).resolve(
            asset_graph=dg.Definitions(assets=[numbers, total]).resolve_asset_graph()
        )
        result = job.execute_in_process(
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": "2025-11-01",
                "dagster/asset_partition_range_end": "2025-11-07",
            },
        )
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
