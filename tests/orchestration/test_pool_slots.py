"""A pool slot claimed by a run that has already finished (its process died between the step's
failure and the slot's release) is freed by the next `crw run`, instead of making every later
run wait for it forever; slots of a run still going are left alone."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from orchestration.partitions import DUCKDB_POOL
from orchestration.runs import free_slots_of_finished_runs


def _run(instance: dg.DagsterInstance, status: dg.DagsterRunStatus) -> str:
    run = instance.create_run_for_job(dg.GraphDefinition("g").to_job(), status=status)
    return run.run_id


def test_slots_held_by_finished_runs_are_freed(tmp_path: Path) -> None:
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        storage = instance.event_log_storage
        storage.set_concurrency_slots(DUCKDB_POOL, 2)
        failed = _run(instance, dg.DagsterRunStatus.FAILURE)
        running = _run(instance, dg.DagsterRunStatus.STARTED)
        assert storage.claim_concurrency_slot(DUCKDB_POOL, failed, "dbt_models").is_claimed
        assert storage.claim_concurrency_slot(DUCKDB_POOL, running, "raw").is_claimed

        assert free_slots_of_finished_runs(instance) == [failed]

        claimed = storage.get_concurrency_info(DUCKDB_POOL).claimed_slots
        assert [slot.run_id for slot in claimed] == [running]
        assert free_slots_of_finished_runs(instance) == []
