"""BI publishing end to end: a reader holding the BI copy open never sees a partial copy while
the pipeline runs, and a failing blocking dbt test leaves the previous BI copy and report
untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from risk_expectations import PULSE_DAY
from sample_env import sample_environment

from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end


def copy_data_dir(sample_run: Settings, target: Path) -> Settings:
    """The sample run's warehouse, BI copy and report in a fresh data dir (own Dagster home)."""
    target.mkdir(parents=True)
    shutil.copyfile(sample_run.duckdb_path, target / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target / "warehouse.duckdb.wal")
    shutil.copytree(sample_run.bi_dir, target / "bi")
    shutil.copytree(sample_run.reports_dir, target / "reports")
    return Settings("sample", target.resolve(), (target / "warehouse.duckdb").resolve())


READER = r"""
import json, sys, time
import duckdb

bi_path, out_path, stop_path, mode = sys.argv[1:5]
# a safety net only (the test stops the readers): long enough for a one-day run on a busy machine
deadline = time.monotonic() + 600


def observe(conn):
    ((published_at, tables),) = conn.execute(
        "select cast(published_at as varchar), tables from publication"
    ).fetchall()
    listed = json.loads(tables)
    present = sorted(
        r[0] for r in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    )
    counts = {t: conn.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in listed}
    return {"published_at": published_at, "listed": listed, "counts": counts, "present": present}


held = duckdb.connect(bi_path, read_only=True) if mode == "hold" else None
with open(out_path, "a") as out:
    while time.monotonic() < deadline:
        stop = __import__("os").path.exists(stop_path)
        try:
            if held is not None:
                record = observe(held)
            else:
                # a new reader each time: a fresh database instance on whatever file is there now
                conn = duckdb.connect(bi_path, read_only=True)
                try:
                    record = observe(conn)
                finally:
                    conn.close()
        except Exception as exc:
            record = {"error": f"{type(exc).__name__}: {exc}"}
        record["t"] = time.monotonic()
        out.write(json.dumps(record) + "\n")
        out.flush()
        if stop:
            break
        time.sleep(0.05)
"""


def read_observations(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.endswith("}")]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


def bi_publication(bi_path: Path) -> tuple[str, dict]:
    conn = duckdb.connect(str(bi_path), read_only=True)
    try:
        ((published_at, tables),) = conn.execute(
            "select cast(published_at as varchar), tables from publication"
        ).fetchall()
    finally:
        conn.close()
    return published_at, json.loads(tables)


def test_a_reader_holding_the_bi_copy_never_sees_a_partial_copy_while_the_pipeline_runs(
    sample_run: Settings, tmp_path: Path
) -> None:
    from orchestration import runs

    settings = copy_data_dir(sample_run, tmp_path / "data")
    bi_path = settings.bi_dir / "marts.duckdb"
    old_published_at, old_tables = bi_publication(bi_path)
    assert old_tables.get("fct_market_pulse_daily", 0) > 600
    stop = tmp_path / "stop"
    logs = {mode: tmp_path / f"reader_{mode}.jsonl" for mode in ("hold", "fresh")}
    readers = {
        mode: subprocess.Popen(
            [sys.executable, "-c", READER, str(bi_path), str(log), str(stop), mode],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode, log in logs.items()
    }
    try:
        wait_for(
            lambda: all(read_observations(p) for p in logs.values()), 60, "both readers to start"
        )
        with sample_environment(settings.data_dir) as env:
            runs.prepare_environment(env)
            results = runs.run_pipeline(env, date(2025, 11, 15), date(2025, 11, 15), quiet=True)
        failures = [
            f"{e.step_key}: {e.event_specific_data.error.message[:1500]}"
            for r in results
            for e in r.all_events
            if e.event_type_value == "STEP_FAILURE"
        ]
        assert results and all(r.success for r in results), failures
        new_published_at, new_tables = bi_publication(bi_path)
        assert new_published_at != old_published_at
        # a new reader gets the new copy (the fresh reader proves it reopened the file)
        wait_for(
            lambda: any(
                o.get("published_at") == new_published_at for o in read_observations(logs["fresh"])
            ),
            30,
            "the fresh reader to see the new copy",
        )
    finally:
        stop.touch()
        for process in readers.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    for mode, process in readers.items():
        assert process.returncode == 0, (mode, process.stderr.read()[-2000:])

    versions = {old_published_at: old_tables, new_published_at: new_tables}
    for mode, log in logs.items():
        observations = read_observations(log)
        errors = [o["error"] for o in observations if "error" in o]
        assert not errors, (mode, errors[:5])
        for o in observations:
            # a complete copy: the publication record (written last) matches every table in it
            assert o["published_at"] in versions, (mode, o["published_at"])
            assert o["listed"] == versions[o["published_at"]], mode
            assert o["counts"] == o["listed"], (mode, o["published_at"])
            assert o["present"] == sorted([*o["listed"], "publication"]), mode
        seen = [o["published_at"] for o in observations]
        if mode == "hold":
            # the held connection kept reading the copy it opened, all through the run
            assert set(seen) == {old_published_at}
            assert observations[-1]["t"] - observations[0]["t"] > 5 and len(observations) > 20
        else:
            # old copy, then the new one, never back
            assert seen[0] == old_published_at and seen[-1] == new_published_at
            assert seen == sorted(seen, key=lambda p: p == new_published_at)
            assert len(observations) > 20


def file_digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failing_blocking_check_keeps_the_previous_bi_copy(
    sample_run: Settings, tmp_path: Path
) -> None:
    import dagster as dg

    from orchestration.definitions import defs

    settings = copy_data_dir(sample_run, tmp_path / "data")
    # a second reading for 2025-08-29: stg_alternative_me__fear_greeds' unique(date) test fails
    conn = duckdb.connect(str(settings.duckdb_path))
    try:
        conn.execute(
            "insert into raw_alternative_me.fear_greed "
            "select * replace (value + 1 as value) from raw_alternative_me.fear_greed "
            "where date = ?",
            [PULSE_DAY],
        )
        assert conn.execute(
            "select count(*) from raw_alternative_me.fear_greed where date = ?", [PULSE_DAY]
        ).fetchall() == [(2,)]
    finally:
        conn.close()
    before = {"bi": file_digests(settings.bi_dir), "reports": file_digests(settings.reports_dir)}
    assert "marts.duckdb" in before["bi"] and "risk_brief.html" in before["reports"]

    with sample_environment(settings.data_dir):
        result = defs.resolve_job_def("transform").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    assert not result.success
    failed_checks = {e.check_name for e in result.get_asset_check_evaluations() if not e.passed}
    assert failed_checks == {"unique_stg_alternative_me__fear_greeds_date"}
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey(["bi", "marts_copy"]) not in materialized
    assert dg.AssetKey(["bi", "risk_brief"]) not in materialized
    # dbt did run on the copy (its models were rebuilt; an incremental build does not recreate
    # the unchanged staging view, whose test still runs) before the failing test stopped it
    assert dg.AssetKey(["intermediate", "int_asset_prices_enriched"]) in materialized
    assert dg.AssetKey(["staging", "stg_alternative_me__fear_greeds"]) not in materialized
    after = {"bi": file_digests(settings.bi_dir), "reports": file_digests(settings.reports_dir)}
    assert after == before
