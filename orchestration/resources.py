"""Resources: settings are read from the environment when a run starts, never at import."""

from __future__ import annotations

import dagster as dg

from orchestration.dbt_project import dbt_cli_resource
from warehouse.settings import Settings


class WarehouseResource(dg.ConfigurableResource):
    """Where the warehouse and data dir are; empty fields fall back to CRW_* variables."""

    source_mode: str | None = None
    data_dir: str | None = None
    duckdb_path: str | None = None

    def settings(self) -> Settings:
        return Settings.from_env(
            overrides={
                "CRW_SOURCE_MODE": self.source_mode,
                "CRW_DATA_DIR": self.data_dir,
                "CRW_DUCKDB_PATH": self.duckdb_path,
            }
        )


def build_resources() -> dict[str, object]:
    return {
        "warehouse": WarehouseResource(),
        "dbt": dbt_cli_resource(),
    }
