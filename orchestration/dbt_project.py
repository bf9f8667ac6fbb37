"""The dbt project, defined once: where it is, which dbt runs it, and its manifest.

``prepare_if_dev()`` is dagster-dbt's way to have a manifest for the definitions: under
``dagster dev`` it runs ``dbt parse`` when the code location loads, so a plain
``dagster dev -w workspace.yaml`` (venv activated) works on a fresh clone; ``crw run`` prepares
it the same way (``prepare``); a deployment would run ``dagster-dbt project prepare-and-package``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dagster_dbt import DbtCliResource, DbtProject

from warehouse.settings import PROJECT_DIR

DBT_PROJECT_DIR = PROJECT_DIR / "dbt_project"
# The dbt next to this interpreter (the project's venv), whatever PATH says.
_VENV_DBT = Path(sys.executable).with_name("dbt")
DBT_EXECUTABLE = str(_VENV_DBT) if _VENV_DBT.exists() else "dbt"

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
DBT_PROJECT.prepare_if_dev()


# The files a build's result depends on: the project fingerprint (orchestration/assets/dbt.py) and
# the manifest's staleness check read the same list.
PROJECT_FILES = ("models", "macros", "seeds", "snapshots", "dbt_project.yml")


# What the manifest is parsed from: the project files and the data tests (a new singular or
# generic test is a node the definitions must know; it changes no data, so it is not in the
# fingerprint).
MANIFEST_FILES = (*PROJECT_FILES, "tests")


def project_files(names: tuple[str, ...] = PROJECT_FILES) -> list[Path]:
    files: list[Path] = []
    for name in names:
        root = DBT_PROJECT_DIR / name
        if root.is_dir():
            files += sorted(path for path in root.rglob("*") if path.is_file())
        elif root.is_file():
            files.append(root)
    return files


def manifest_is_stale() -> bool:
    """True when a dbt file changed after the manifest was made: the definitions would not know
    a new model or test (a developer's edit, then ``crw run`` without ``make``)."""
    manifest = DBT_PROJECT.manifest_path
    if not manifest.exists():
        return True
    made = manifest.stat().st_mtime
    return any(path.stat().st_mtime > made for path in project_files(MANIFEST_FILES))


def dbt_cli_resource() -> DbtCliResource:
    return DbtCliResource(
        project_dir=DBT_PROJECT, profiles_dir=str(DBT_PROJECT_DIR), dbt_executable=DBT_EXECUTABLE
    )


def prepare() -> None:
    """What ``prepare_if_dev`` does under ``dagster dev`` (``dbt parse --quiet`` into the
    project's target dir; partial parsing keeps it quick), with the venv's dbt."""
    dbt_cli_resource().cli(["parse", "--quiet"], target_path=DBT_PROJECT.target_path).wait()
