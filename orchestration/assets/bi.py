"""BI publishing: after every mart and its blocking dbt tests succeed, copy the marts out of
the writer's file (see warehouse/publish.py)."""

import dagster as dg

from brief.page import write_brief
from orchestration.assets.dbt import dbt_models
from orchestration.partitions import DUCKDB_POOL
from orchestration.resources import WarehouseResource
from warehouse.brief_queries import read_brief_rows
from warehouse.publish import BI_FILE, publish

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
def marts_copy(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
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


@dg.asset(
    key=["bi", "risk_brief"],
    group_name="bi",
    deps=[marts_copy],
    kinds={"html"},
    description=(
        "The daily risk brief: a self-contained HTML page (inline SVG charts, opens offline) for "
        "the latest pulse day, read from the BI copy: <data dir>/reports/risk_brief.html."
    ),
)
def risk_brief(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    out = settings.reports_dir / "risk_brief.html"
    brief = write_brief(read_brief_rows(settings.bi_dir / BI_FILE), out)
    empty = [c.key for c in brief.charts if c.points == 0]
    if empty:
        context.log.warning(f"charts without data for {brief.day}: {', '.join(empty)}")
    context.log.info(f"risk brief for {brief.day}: {brief.pulse['risk_regime']}, {out}")
    return dg.MaterializeResult(
        metadata={
            "brief": dg.MetadataValue.url(out.as_uri()),
            "path": dg.MetadataValue.path(str(out)),
            "day": str(brief.day),
            "risk_regime": brief.pulse["risk_regime"],
            "risk_score": brief.pulse["risk_score"],
            "active_alerts": brief.pulse["active_alerts"],
            "stale_inputs": brief.pulse["stale_inputs"] or "none",
            "charts_without_data": ", ".join(empty) or "none",
        }
    )


defs = dg.Definitions(assets=[marts_copy, risk_brief])
