"""One factory turns a RawSpec into a partitioned raw asset keyed ``[source, entity]`` (the key
dbt's sources get by default, so lineage joins ingestion to dbt with no custom mapping)."""

import dagster as dg

from orchestration.ingest import RawSpec, ingest_window
from orchestration.partitions import DAILY, DUCKDB_POOL, SINGLE_RUN, window
from orchestration.resources import WarehouseResource

def raw_asset(spec: RawSpec) -> dg.AssetsDefinition:
    @dg.asset(
        key=[spec.source, spec.entity],
        group_name=spec.source,
        description=spec.description,
        partitions_def=DAILY,
        backfill_policy=SINGLE_RUN,
        pool=DUCKDB_POOL,
        kinds={"python", "duckdb"},
        tags={"layer": "raw"},
        metadata={"table": spec.table.qualified, "snapshot_only": spec.snapshot},
    )
    def _raw(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        settings = warehouse.settings()
        start, end = window(context)
        context.log.info(
            f"{spec.table.qualified}: fetching {start}..{end} in {settings.source_mode} mode"
        )
        result = ingest_window(spec, settings, start, end)
        context.log.info(
            f"{spec.table.qualified}: {result.payloads} payloads ({result.bytes:,} bytes) landed, "
            f"{result.rows_inserted} rows loaded, {result.rows_deleted} replaced"
        )
        return dg.MaterializeResult(
            metadata={
                "table": spec.table.qualified,
                "window": f"{start}..{end}",
                "source_mode": settings.source_mode,
                "payloads": result.payloads,
                "bytes": result.bytes,
                "rows_inserted": result.rows_inserted,
                "rows_replaced": result.rows_deleted,
                "batch_id": result.batch_id,
                "first_landing_file": dg.MetadataValue.path(result.landing_paths[0])
                if result.landing_paths
                else "none",
            }
        )

    return _raw
