"""The project fingerprint that makes a transform's window full covers the universe file: which
assets are `pulse` changes what incremental models such as the forward outcomes hold for every
day, and no dated raw row opens a window for it."""

from __future__ import annotations

from pathlib import Path

from orchestration.assets.dbt import dbt_project_version
from warehouse.settings import DEFAULT_UNIVERSE_FILE


def test_a_changed_universe_file_changes_the_fingerprint(tmp_path: Path) -> None:
    same = tmp_path / "same.yml"
    same.write_bytes(DEFAULT_UNIVERSE_FILE.read_bytes())
    edited = tmp_path / "edited.yml"
    edited.write_bytes(DEFAULT_UNIVERSE_FILE.read_bytes() + b"\n# SOL joins the pulse\n")
    assert dbt_project_version(same) == dbt_project_version(DEFAULT_UNIVERSE_FILE)
    assert dbt_project_version(edited) != dbt_project_version(DEFAULT_UNIVERSE_FILE)
    assert dbt_project_version(DEFAULT_UNIVERSE_FILE) != dbt_project_version()
