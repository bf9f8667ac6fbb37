"""bench/frame.py: the frame of a one-day run (Dagster + dbt + the marts' key tests) is a real
dbt build of one trivial table per mart, each with its two key tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb

from bench.frame import PROJECT, mart_count, write_project


def test_the_frame_counts_the_projects_marts_each_version_once(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.json"
    nodes = {
        "model.p.fct_a": {"resource_type": "model", "fqn": ["p", "marts", "x", "fct_a"]},
        "model.p.fct_b.v1": {"resource_type": "model", "fqn": ["p", "marts", "fct_b", "v1"]},
        "model.p.fct_b.v2": {"resource_type": "model", "fqn": ["p", "marts", "fct_b", "v2"]},
        "model.p.int_c": {"resource_type": "model", "fqn": ["p", "intermediate", "int_c"]},
        "test.p.unique_fct_a": {"resource_type": "test", "fqn": ["p", "marts", "unique"]},
    }
    manifest.write_text(json.dumps({"nodes": nodes}))
    assert mart_count(manifest) == 3


def test_the_frame_process_builds_a_table_and_two_passing_key_tests_per_mart(
    tmp_path: Path,
) -> None:
    project = write_project(tmp_path, 3)
    subprocess.run(
        [sys.executable, str(PROJECT / "bench" / "frame.py"), "run", str(project)],
        check=True,
        cwd=PROJECT,
        capture_output=True,
    )
    with duckdb.connect(str(tmp_path / "frame.duckdb"), read_only=True) as conn:
        tables = conn.execute("select table_name from duckdb_tables() order by 1").fetchall()
    assert tables == [("mart_00",), ("mart_01",), ("mart_02",)]
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    tests = [r for r in results if r["unique_id"].startswith("test.")]
    assert len(tests) == 6 and {r["status"] for r in tests} == {"pass"}
