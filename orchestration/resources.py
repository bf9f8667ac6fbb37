"""Resources: settings are read from the environment when a run starts, never at import."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from warehouse.settings import PROJECT_DIR, Settings

DBT_PROJECT_DIR = PROJECT_DIR / "dbt_project"


def dbt_cli_resource() -> DbtCliResource:
    # The dbt next to this interpreter (the project's venv), whatever PATH says.
    executable = Path(sys.executable).with_name("dbt")
    return DbtCliResource(
        project_dir=str(DBT_PROJECT_DIR),
        profiles_dir=str(DBT_PROJECT_DIR),
        dbt_executable=str(executable) if executable.exists() else "dbt",
    )


class WarehouseResource(dg.ConfigurableResource):
    """Where the warehouse and data dir are; empty fields fall back to CRW_* variables."""

    source_mode: str | None = None
    data_dir: str | None = None
    duckdb_path: str | None = None

    def settings(self) -> Settings:
        overrides = {
            "CRW_SOURCE_MODE": self.source_mode,
            "CRW_DATA_DIR": self.data_dir,
            "CRW_DUCKDB_PATH": self.duckdb_path,
        }
        env = {**os.environ, **{k: v for k, v in overrides.items() if v}}
        if self.data_dir and not self.duckdb_path:
            # an explicit data dir owns its warehouse file, whatever the environment says
            env.pop("CRW_DUCKDB_PATH", None)
        return Settings.from_env(env)


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(),
        "dbt": dbt_cli_resource(),
    }
