"""After `crw run` is SIGKILLed mid-run (an OOM kill, a reboot), the next `crw run` starts with
no manual step: the dead run is marked failed and its `duckdb_writer` pool slot freed, and no
process of the killed run is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import pytest
from process_tree import alive, children_of, descendants

CRW = Path(sys.executable).with_name("crw")
DAY = "2025-11-15"
pytestmark = pytest.mark.end_to_end


def test_the_run_after_a_sigkill_recovers_and_completes(tmp_path: Path) -> None:
    env = {**os.environ, "CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(tmp_path / "data")}
    env.pop("CRW_DUCKDB_PATH", None)
    command = [str(CRW), "run", "--quiet", "--start", DAY, "--end", DAY]
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
    try:
        # the first step has finished, so the next one holds the writer pool slot
        for line in first.stdout:
            if line.startswith("crw: [1/"):
                break
        else:
            pytest.fail(f"the first run ended before its first step: rc {first.wait()}")
        helpers = children_of(first.pid)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    time.sleep(1)
    assert [pid for pid in helpers if alive(pid)] == []

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout[-3000:] + second.stderr[-3000:]
    assert "recovered from interrupted run" in second.stdout
    assert "daily_pipeline" in second.stdout and "succeeded" in second.stdout


def test_sigterm_during_dbt_stops_crw_run_and_its_dbt_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """dbt runs inside the `crw run` process (orchestration/dbt_inprocess.py): SIGTERM while a
    dbt node is running ends the process promptly with a failure, leaves no process behind and
    no run marked as still going."""
    env = {**os.environ, "CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(tmp_path / "data")}
    env.pop("CRW_DUCKDB_PATH", None)
    # (not --quiet: a quiet run keeps dbt's line per node off stdout, and this one waits for one)
    command = [str(CRW), "run", "--start", DAY, "--end", DAY]
    run = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        seen = []
        for line in run.stdout:
            seen.append(line)
            if " START " in line and " of " in line:  # dbt's "12 of 289 START sql ..." line
                break
        else:
            raise AssertionError("dbt never started:\n" + "".join(seen[-40:]))
        started = descendants(run.pid)
        run.send_signal(signal.SIGTERM)
        run.communicate(timeout=60)  # (keeps reading, so a full pipe cannot hold up the exit)
        assert run.returncode != 0
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in started if alive(pid)] == []
    finally:
        if run.poll() is None:
            run.kill()
    home = tmp_path / "data" / "dagster_home"
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        statuses = {r.status for r in instance.get_runs()}
    assert statuses and not statuses & {dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING}
    # (that the next run then completes is the SIGKILL test's business)
