"""The one rule about imports: ingestion and warehouse never import dagster (import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).parents[2]


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports)], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ingestion and warehouse never import dagster KEPT" in result.stdout


def test_the_contract_would_catch_a_violation(tmp_path: Path) -> None:
    """Guard against a linter config that silently checks nothing."""
    bad = PROJECT / "warehouse" / "_contract_probe.py"
    bad.write_text("import dagster  # deliberate violation for the test\n")
    try:
        lint_imports = Path(sys.executable).with_name("lint-imports")
        result = subprocess.run(
            [str(lint_imports), "--no-cache"], cwd=PROJECT, capture_output=True, text=True
        )
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "warehouse._contract_probe -> dagster" in result.stdout


def test_the_code_passes_ruff_lint_and_format() -> None:
    ruff = Path(sys.executable).with_name("ruff")
    lint = subprocess.run([str(ruff), "check", "."], cwd=PROJECT, capture_output=True, text=True)
    assert lint.returncode == 0, lint.stdout[-3000:]
    fmt = subprocess.run(
        [str(ruff), "format", "--check", "."], cwd=PROJECT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout[-3000:]
