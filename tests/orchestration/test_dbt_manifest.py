"""`crw run` makes the dbt manifest only when it needs one: missing, or older than a dbt file.
A developer who edits a model and runs `crw run` without `make` gets a fresh manifest, not a
definitions set that does not know the new test (dbt then fails on a node Dagster never saw)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from orchestration import dbt_project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "models" / "staging").mkdir(parents=True)
    (tmp_path / "models" / "staging" / "stg_a.sql").write_text("select 1 as a")
    (tmp_path / "dbt_project.yml").write_text("name: p")
    manifest = tmp_path / "target" / "manifest.json"
    monkeypatch.setattr(dbt_project, "DBT_PROJECT_DIR", tmp_path)
    monkeypatch.setattr(dbt_project, "DBT_PROJECT", SimpleNamespace(manifest_path=manifest))
    return tmp_path


def _make_manifest(project: Path, mtime: float) -> None:
    manifest = project / "target" / "manifest.json"
    manifest.parent.mkdir(exist_ok=True)
    manifest.write_text("{}")
    os.utime(manifest, (mtime, mtime))


def test_a_missing_manifest_is_stale(project: Path) -> None:
    assert dbt_project.manifest_is_stale()


def test_a_manifest_newer_than_every_dbt_file_is_fresh(project: Path) -> None:
    newest = max(p.stat().st_mtime for p in dbt_project.project_files())
    _make_manifest(project, newest + 10)
    assert not dbt_project.manifest_is_stale()


def _edit_after_the_manifest(project: Path, relative: str, text: str) -> None:
    """Make the manifest newer than every dbt file, then write ``relative`` after it."""
    newest = max(p.stat().st_mtime for p in dbt_project.project_files())
    _make_manifest(project, newest + 10)
    path = project / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    os.utime(path, (newest + 20, newest + 20))


def test_an_edited_model_makes_the_manifest_stale(project: Path) -> None:
    _edit_after_the_manifest(project, "models/staging/stg_a.sql", "select 2 as a")
    assert dbt_project.manifest_is_stale()


def test_files_outside_the_project_files_do_not_count(project: Path) -> None:
    _edit_after_the_manifest(project, "logs/dbt.log", "a line")
    assert not dbt_project.manifest_is_stale()


def test_a_new_data_test_makes_the_manifest_stale(project: Path) -> None:
    _edit_after_the_manifest(project, "tests/assert_something.sql", "select 1 where false")
    assert dbt_project.manifest_is_stale()
