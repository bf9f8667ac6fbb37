"""The dbt unit tests (fixed inputs -> expected rows for the models' SQL) are code tests: the
pipeline's builds leave them out (orchestration/assets/dbt.py, PIPELINE_EXCLUDES) and this test
runs every one of them, the way a developer does with `crw dbt test --select test_type:unit`."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from warehouse.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.end_to_end

CRW = Path(sys.executable).with_name("crw")


def test_every_dbt_unit_test_passes(sample_run: Settings, tmp_path: Path) -> None:
    # Unit tests read their inputs' column types from the built warehouse: a copy of the
    # sample run's, so this test cannot change what other tests read.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_run.duckdb_path, data / sample_run.duckdb_path.name)
    target = tmp_path / "target"
    env = {**Settings.from_env({"CRW_DATA_DIR": str(data)}).child_env()}
    result = subprocess.run(
        [str(CRW), "dbt", "test", "--select", "test_type:unit", "--target-path", str(target)],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    results = json.loads((target / "run_results.json").read_text())["results"]
    unit = [r for r in results if r["unique_id"].startswith("unit_test.")]
    manifest = json.loads((PROJECT_DIR / "dbt_project/target/manifest.json").read_text())
    assert len(unit) == len(manifest["unit_tests"]) >= 17
    assert {r["status"] for r in unit} == {"pass"}
