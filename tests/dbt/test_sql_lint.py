"""The dbt project's SQL passes SQLFluff with the rules in the repository's `.sqlfluff` (dbt
templater: models and singular tests are compiled by dbt, then linted; macros and generic tests
are not linted by the dbt templater, which skips them).

The dbt profile reads the warehouse path from CRW_DUCKDB_PATH, set here to a file in the test's
tmp dir, and dbt writes its target/ there too: the project's own target/ holds the manifest the
Dagster definitions read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from warehouse.settings import PROJECT_DIR

LINTED = ["dbt_project/models", "dbt_project/tests"]


def sqlfluff_lint(paths: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    sqlfluff = Path(sys.executable).with_name("sqlfluff")
    env = {
        **os.environ,
        "CRW_DUCKDB_PATH": str(tmp_path / "lint.duckdb"),
        "DBT_TARGET_PATH": str(tmp_path / "dbt_target"),
        "DBT_LOG_PATH": str(tmp_path / "dbt_logs"),
    }
    return subprocess.run(
        [str(sqlfluff), "lint", *paths, "--format", "json", "--processes", "2", "--nofail"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_dbt_models_and_tests_pass_sqlfluff(tmp_path: Path) -> None:
    result = sqlfluff_lint(LINTED, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    files = json.loads(result.stdout)
    linted = {f["filepath"] for f in files}
    # the templater compiled the project: every model file was linted, none skipped
    models = {
        str(p.relative_to(PROJECT_DIR))
        for p in (PROJECT_DIR / "dbt_project" / "models").rglob("*.sql")
    }
    assert models <= linted, sorted(models - linted)
    violations = [
        f"{f['filepath']}:{v['start_line_no']}:{v['start_line_pos']} {v['code']} {v['description']}"
        for f in files
        for v in f["violations"]
    ]
    assert not violations, "\n".join(violations)
