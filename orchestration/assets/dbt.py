"""dbt models as Dagster assets: staging -> intermediate -> marts, with dbt tests as asset checks.

dbt's sources keep their default keys ``[source, table]``, which are exactly the raw assets'
keys, so the lineage runs from every raw asset through to the marts with no custom mapping.
"""

import os
from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)

from orchestration.partitions import DUCKDB_POOL
from orchestration.resources import DBT_PROJECT_DIR, WarehouseResource

DBT_PROJECT = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)
LAYER_GROUPS = ("staging", "intermediate", "marts", "snapshots", "seeds")


class CrwDbtTranslator(DagsterDbtTranslator):
    """Groups by layer folder (staging, intermediate, marts) instead of one 'default' group."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        fqn = dbt_resource_props.get("fqn", [])
        for part in fqn[1:-1]:
            if part in LAYER_GROUPS:
                return part
        resource_type = dbt_resource_props.get("resource_type")
        if resource_type in ("snapshot", "seed"):
            return f"{resource_type}s"
        return super().get_group_name(dbt_resource_props)


TRANSLATOR = CrwDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


def dbt_build_args(*, full_refresh: bool = False) -> list[str]:
    """The dbt command the asset runs; `build` so tests run between models and a failing test
    blocks what depends on it."""
    args = ["build"]
    if full_refresh:
        args.append("--full-refresh")
    return args


@dbt_assets(
    manifest=DBT_PROJECT.manifest_path,
    project=DBT_PROJECT,
    dagster_dbt_translator=TRANSLATOR,
    pool=DUCKDB_POOL,
)
def dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse: WarehouseResource
) -> Iterator[Any]:
    # dbt's profile reads the absolute DuckDB path from the environment at run time.
    os.environ.update(warehouse.settings().dbt_env())
    yield from dbt.cli(dbt_build_args(), context=context).stream()
