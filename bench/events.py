"""Benchmark: Dagster's per-partition event bookkeeping for a single-run backfill of the sample
window (685 daily partitions) with a no-op asset and two checks (as a raw asset has), stock
SQLite event log vs the pooled one in orchestration/event_storage.py, both with
DAGSTER_EVENT_BATCH_SIZE set as `crw` sets it. Same process, same asset; prints seconds and the
ratio.

    python bench/events.py
"""

import os
import sys
import tempfile
import time
from pathlib import Path

import dagster as dg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PARTITIONS = dg.DailyPartitionsDefinition(start_date="2024-01-01")


@dg.asset(
    partitions_def=PARTITIONS,
    backfill_policy=dg.BackfillPolicy.single_run(),
    # two checks, as each raw asset has: a range run plans them once per partition
    check_specs=[
        dg.AssetCheckSpec("parsed", asset="noop"),
        dg.AssetCheckSpec("days", asset="noop"),
    ],
)
def noop(context: dg.AssetExecutionContext) -> dg.MaterializeResult:
    return dg.MaterializeResult(
        metadata={"partitions": len(context.partition_keys)},
        check_results=[
            dg.AssetCheckResult(check_name="parsed", passed=True),
            dg.AssetCheckResult(check_name="days", passed=True),
        ],
    )


JOB = dg.Definitions(assets=[noop], jobs=[dg.define_asset_job("noop_job", selection=[noop])])


def timed(storage_yaml: str) -> float:
    with tempfile.TemporaryDirectory(prefix="crw-bench-events-") as home:
        return _timed_in(home, storage_yaml)


def _timed_in(home: str, storage_yaml: str) -> float:
    os.environ["DAGSTER_HOME"] = home
    Path(home, "dagster.yaml").write_text("telemetry:\n  enabled: false\n" + storage_yaml)
    with dg.DagsterInstance.get() as instance:
        t0 = time.perf_counter()
        JOB.resolve_job_def("noop_job").execute_in_process(
            instance=instance,
            run_config={"loggers": {"console": {"config": {"log_level": "ERROR"}}}},
            tags={
                "dagster/asset_partition_range_start": "2024-01-01",
                "dagster/asset_partition_range_end": "2025-11-15",
            },
        )
        return time.perf_counter() - t0


if __name__ == "__main__":
    from warehouse.settings import DAGSTER_EVENT_BATCH_SIZE

    # As `crw` runs (Settings.export): Dagster hands the per-partition materializations over in
    # batches; the stock storage stores a batch event by event, the pooled one in a transaction.
    os.environ["DAGSTER_EVENT_BATCH_SIZE"] = str(DAGSTER_EVENT_BATCH_SIZE)
    stock = timed("")
    pooled = timed(
        "event_log_storage:\n  module: orchestration.event_storage\n"
        "  class: PooledSqliteEventLogStorage\n  config:\n    base_dir:\n      env: DAGSTER_HOME\n"
    )
    print(
        f"685-partition single-run backfill, no-op asset: stock {stock:.2f}s, "
        f"pooled {pooled:.2f}s, "
        f"speed-up {stock / pooled:.1f}x"
    )
