"""One factory turns RawSpecs into a source's Definitions: per spec, a partitioned raw asset keyed
``[source, entity]`` (the key dbt's sources get by default, so lineage joins ingestion to dbt with
no custom mapping) and its Python checks."""

from collections import Counter
from datetime import date, timedelta

import dagster as dg
import duckdb
import polars as pl

from ingestion.errors import MissingCredentialsError
from orchestration.ingest import RawSpec, ingest_window
from orchestration.partitions import DAILY, DUCKDB_POOL, SINGLE_RUN, window
from orchestration.resources import WarehouseResource
from warehouse.connection import connection
from warehouse.quality import last_load, missing_days, table_exists
from warehouse.settings import Settings


def raw_definitions(*specs: RawSpec) -> dg.Definitions:
    """The raw assets and checks of one source module."""
    return dg.Definitions(
        assets=[raw_asset(spec) for spec in specs],
    )


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
        metadata={
            "table": spec.table.qualified,
            "snapshot_only": spec.snapshot,
            # What it fetches, from the universe file (sources with fixed series have none).
            **({"universe": ", ".join(spec.universe)} if spec.universe else {}),
        },
        check_specs=raw_check_specs(spec),
        freshness_policy=dg.FreshnessPolicy.time_window(
            fail_window=timedelta(hours=spec.freshness_hours),
            warn_window=timedelta(hours=spec.freshness_hours * 2 // 3),
        ),
    )
    def _raw(
        context: dg.AssetExecutionContext, warehouse: WarehouseResource
    ) -> dg.MaterializeResult:
        settings = warehouse.settings()
        start, end = window(context)
        # The load and its checks share one DuckDB instance: the connections ingest_window and
        # the checks open reuse the one held here (the driver keeps an open file's instance per
        # process), so the step reads the warehouse's catalog once, not twice (~30-50 ms each).
        with connection(settings.duckdb_path) as conn:
            return load_and_check(context, spec, settings, conn, start, end)

    return _raw


def load_and_check(
    context: dg.AssetExecutionContext,
    spec: RawSpec,
    settings: Settings,
    conn: duckdb.DuckDBPyConnection,
    start: date,
    end: date,
) -> dg.MaterializeResult:
    """The raw asset's work: fetch, land, parse and load its window, then its checks."""
    context.log.info(
        f"{spec.table.qualified}: fetching {start}..{end} in {settings.source_mode} mode"
    )
    try:
        result = ingest_window(spec, settings, start, end)
    except MissingCredentialsError as exc:
        # A missing API key is not a crash: report the asset skipped, write nothing, and let
        # every asset that does not depend on it run.
        context.log.warning(f"{spec.table.qualified}: SKIPPED - {exc}")
        skipped = {"skipped": True, "skip_reason": str(exc), "rows_inserted": 0}
        return checked_result(spec, settings, conn, (start, end), skipped)
    context.log.info(
        f"{spec.table.qualified}: {result.payloads} payloads ({result.bytes:,} bytes) landed, "
        f"{result.rows_inserted} rows loaded, {result.rows_deleted} replaced"
    )
    if result.empty_series:
        context.log.warning(
            f"{spec.table.qualified}: empty answer for {', '.join(result.empty_series)}; "
            "the rows loaded before are kept"
        )
    for line in result.failures:
        # Loaded without it: the transform runs on what is there, the pulse names the input
        # stale, the check below fails and `crw run` lists it and exits non-zero.
        context.log.error(f"{spec.table.qualified}: FAILED {line}")
    preview = {} if result.preview is None else {"preview": table_preview(result.preview)}
    if preview and start != end:
        # A range run records one materialization per partition, each carrying this
        # metadata: the preview goes once, as an observation of the last day.
        context.log_event(
            dg.AssetObservation(asset_key=context.asset_key, partition=str(end), metadata=preview)
        )
        preview = {}
    loaded = {
        "payloads": result.payloads,
        "bytes": result.bytes,
        "rows_inserted": result.rows_inserted,
        "rows_replaced": result.rows_deleted,
        # Series whose answer had no row in the window (nothing of theirs was replaced).
        "empty_answers": ", ".join(result.empty_series) or "none",
        # Series (or the whole source) that failed, each with its error; see the
        # last_load_parsed_every_payload check and meta.fetch_log.
        "failed_inputs": len(result.failures),
        "failures": "\n".join(result.failures)[:2000] or "none",
        "batch_id": result.batch_id,
        "first_landing_file": dg.MetadataValue.path(result.landing_paths[0])
        if result.landing_paths
        else "none",
        **preview,
    }
    return checked_result(spec, settings, conn, (start, end), loaded)


def checked_result(
    spec: RawSpec,
    settings: Settings,
    conn: duckdb.DuckDBPyConnection,
    days: tuple[date, date],
    metadata: dict[str, object],
) -> dg.MaterializeResult:
    """The raw asset's materialization: its table, window and mode, ``metadata``, and its checks
    evaluated on the warehouse as the load left it."""
    start, end = days
    return dg.MaterializeResult(
        check_results=raw_check_results(spec, conn, since=gap_check_since(start, end)),
        metadata={
            "table": spec.table.qualified,
            "window": f"{start}..{end}",
            "source_mode": settings.source_mode,
            **metadata,
        },
    )


def table_preview(frame: pl.DataFrame) -> dg.MetadataValue:
    """The first rows as a Dagster table (values as JSON-friendly scalars)."""

    def scalar(value: object) -> str | int | float | bool | None:
        return value if value is None or isinstance(value, str | int | float | bool) else str(value)

    return dg.MetadataValue.table(
        records=[
            dg.TableRecord({k: scalar(v) for k, v in row.items()})
            for row in frame.iter_rows(named=True)
        ],
        schema=dg.TableSchema(
            columns=[dg.TableColumn(name, str(dtype)) for name, dtype in frame.schema.items()]
        ),
    )


def raw_check_specs(spec: RawSpec) -> list[dg.AssetCheckSpec]:
    """What SQL tests can't see: did the last load parse every payload it landed, and (for
    continuous daily series) are there missing days. Evaluated by the raw asset's own step
    right after its load (``raw_check_results``): a separate step per check cost more than the
    check (Dagster's per-step bookkeeping), and a check can only be run after a load anyway."""
    key = dg.AssetKey([spec.source, spec.entity])
    specs = [
        dg.AssetCheckSpec(
            "last_load_parsed_every_payload",
            asset=key,
            description="The last load landed payloads, parsed rows, and no payload failed.",
        )
    ]
    if spec.gap_check_by is not None:
        specs.append(
            dg.AssetCheckSpec(
                "no_missing_days",
                asset=key,
                description=(
                    "Every series has a row on every day (weekdays for weekday series) of the "
                    f"run's window and of the {GAP_CHECK_DAYS} days before its end."
                ),
            )
        )
    return specs


# A run checks for missing days over its own window and the days before its end up to this
# many: a day's run covers the trailing re-fetch windows (README "Late data heals by itself") at
# a cost that does not grow with the table's history; a backfill checks everything it loaded.
GAP_CHECK_DAYS = 30


def gap_check_since(start: date, end: date) -> date:
    return min(start, end - timedelta(days=GAP_CHECK_DAYS))


def raw_check_results(
    spec: RawSpec, conn: duckdb.DuckDBPyConnection, *, since: date | None = None
) -> list[dg.AssetCheckResult]:
    summary = last_load(conn, spec.table)
    results = [
        dg.AssetCheckResult(
            check_name="last_load_parsed_every_payload",
            passed=summary.payloads > 0 and summary.rows_parsed > 0 and not summary.errors,
            metadata={
                "batch_id": summary.batch_id or "none",
                "payloads": summary.payloads,
                "bytes": summary.bytes,
                "rows_parsed": summary.rows_parsed,
                "errors": "; ".join(summary.errors)[:1000] or "none",
                "empty_answers": ", ".join(summary.empty_answers) or "none",
            },
        )
    ]
    if spec.gap_check_by is None:
        return results
    if not table_exists(conn, spec.table):
        # a source skipped since the first run (e.g. no API key) has no table yet
        return [
            *results,
            dg.AssetCheckResult(
                check_name="no_missing_days",
                passed=False,
                severity=dg.AssetCheckSeverity.WARN,
                metadata={"missing_days": "all: nothing loaded yet"},
            ),
        ]
    missing = missing_days(
        conn,
        spec.table,
        # the series the fetch log names, so each missing day finds its fetches
        spec.series,
        weekdays_only=spec.calendar == "weekdays",
        since=since,
    )
    reasons = Counter(m.reason for m in missing)
    results.append(
        dg.AssetCheckResult(
            check_name="no_missing_days",
            passed=not missing,
            severity=dg.AssetCheckSeverity.WARN,
            metadata={
                "missing_days": len(missing),
                "series": len({m.series for m in missing}),
                "reasons": ", ".join(f"{r}: {n}" for r, n in sorted(reasons.items())) or "none",
                # The newest first: what an operator re-runs (the trailing window of the next
                # run heals recent days by itself).
                "latest_missing": "; ".join(
                    f"{m.series} {m.day}: {m.reason}"
                    for m in sorted(missing, key=lambda m: (m.day, m.series), reverse=True)[:20]
                )
                or "none",
            },
        )
    )
    return results
