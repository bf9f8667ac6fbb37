"""BI publishing: after every mart and its blocking dbt tests succeed, copy the marts out of
the writer's file (see warehouse/publish.py)."""

import dagster as dg

from orchestration.assets.dbt import dbt_models
from orchestration.partitions import DUCKDB_POOL
from orchestration.resources import WarehouseResource
from warehouse.publish import publish

MART_KEYS = sorted(
    (key for key in dbt_models.keys if key.path[0] == "marts"), key=lambda k: k.to_user_string()
)


@dg.asset(
    key=["bi", "marts_copy"],
    group_name="bi",
    deps=MART_KEYS,
    pool=DUCKDB_POOL,
    kinds={"duckdb", "parquet"},
    description=(
        "The marts copied to <data dir>/bi/marts.duckdb (readable by DuckDB 1.x) and Parquet, "
        "each file replaced atomically. Runs only after the marts and their dbt tests pass, so "
        "a failed check leaves the previous copy in place."
    ),
)
def marts_copy(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse.settings()
    publication = publish(settings.duckdb_path, settings.bi_dir)
    context.log.info(f"published {len(publication.tables)} marts to {publication.bi_path}")
    return dg.MaterializeResult(
        metadata={
            "bi_file": dg.MetadataValue.path(str(publication.bi_path)),
            "parquet_dir": dg.MetadataValue.path(str(publication.parquet_dir)),
            "rows_per_mart": dg.MetadataValue.json(publication.tables),
            "published_at": publication.published_at.isoformat(),
        }
    )


ASSETS = [marts_copy]
