"""dbt models as Dagster assets: staging -> intermediate -> marts, with dbt tests as asset checks.

dbt's sources keep their default keys ``[source, table]``, which are exactly the raw assets'
keys, so the lineage runs from every raw asset through to the marts with no custom mapping.
"""

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    dbt_assets,
)

from orchestration.dbt_inprocess import dbt_in_process
from orchestration.dbt_project import DBT_PROJECT, project_files
from orchestration.partitions import DUCKDB_POOL
from orchestration.resources import WarehouseResource
from warehouse.catalog import describe_relations
from warehouse.connection import WarehouseBusyError, connection
from warehouse.settings import Settings
from warehouse.spark_marts import contract_columns, load_spark_tables
from warehouse.transform_window import close_window, open_window

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


# dbt unit tests check the models' SQL on fixed inputs: code tests, run by the test suite
# (tests/dbt/test_dbt_unit_tests.py) and `crw dbt test --select test_type:unit`, not on every
# morning's data.
PIPELINE_EXCLUDES = ("resource_type:unit_test",)

TRANSLATOR = CrwDbtTranslator(settings=DagsterDbtTranslatorSettings(enable_asset_checks=True))


# --- incremental window: `crw run --full-refresh` tags its runs with this.
FULL_REFRESH_TAG = "crw/full_refresh"


def dbt_project_version(universe_file: Path | None = None) -> str:
    """A fingerprint of the dbt project's files and of the universe file: a model that changed
    since the last build must be rebuilt over all history, and so must the models that read the
    universe (which assets are `pulse`, say) when it changed, though no dated raw row says so.
    A different fingerprint makes the window full."""
    digest = hashlib.sha256()
    for path in project_files():
        digest.update(str(path.relative_to(DBT_PROJECT.project_dir)).encode())
        digest.update(path.read_bytes())
    if universe_file is not None:
        digest.update(b"universe\0" + universe_file.read_bytes())
    return digest.hexdigest()[:16]


# An incremental build (a day) leaves out what the day cannot change (README "Incremental
# transform"): seeds and views are rebuilt only by a full build (the project fingerprint makes any
# change to them one; a view reads its raw table live, so its data is always current and its
# tests still run), and the tests of the `full_build` tier (dbt_project.yml) and of the seeds run
# only in a full build or a run tagged ALL_TESTS_TAG (`crw run --all-tests`).
ALL_TESTS_TAG = "crw/all_tests"
INCREMENTAL_SKIPS = (
    "resource_type:seed",
    "config.materialized:view",
    "resource_type:test,path:seeds",
    "tag:full_build",
)


def incremental_skips(context: dg.AssetExecutionContext, *, full_refresh: bool) -> tuple[str, ...]:
    if full_refresh:
        return ()
    if context.run.tags.get(ALL_TESTS_TAG) == "true":
        return INCREMENTAL_SKIPS[:2]
    return INCREMENTAL_SKIPS


# --- end incremental window


def dbt_build_args(settings: Settings, *, full_refresh: bool = False) -> list[str]:
    """The dbt command the asset runs; `build` so tests run between models and a failing test
    blocks what depends on it. The profile takes the warehouse's absolute path from ``--vars``."""
    # No manifest.json / run_results.json rewrite on every build (seconds of a one-day run): the
    # manifest the definitions use is made at build time, and each node's result is in the
    # Dagster event log. The dbt.log file keeps info-level lines, not debug.
    args = ["build", "--vars", json.dumps(settings.dbt_vars())]
    args += ["--no-write-json", "--log-level-file", "info"]
    if full_refresh:
        args.append("--full-refresh")
    return args


# --- engine: `crw run --engine spark` (README "Outgrowing one machine"). The run's tag says which
# engine ran; a run launched with the tag (e.g. from the UI) uses that engine, else CRW_ENGINE.
ENGINE_TAG = "crw/engine"
SPARK_TARGET = "spark"
# dbt's partial parse depends on the target: each target keeps its own, so switching engines
# does not make the next build of the other re-parse everything.
SPARK_TARGET_PATH = DBT_PROJECT.project_dir / "target-spark"


def run_engine(context: dg.AssetExecutionContext, settings: Settings) -> str:
    return context.run.tags.get(ENGINE_TAG) or settings.engine


def spark_warehouse_dir(settings: Settings) -> Path:
    """Where dbt's Spark session writes the tables it builds (``<schema>.db/<table>``)."""
    return settings.spark_dir / "warehouse"


def spark_dbt_vars(settings: Settings) -> dict[str, str]:
    return {
        **settings.dbt_vars(),
        "lake_dir": str(settings.lake_dir),
        "spark_warehouse_dir": str(spark_warehouse_dir(settings)),
        "spark_master": settings.spark_master,
    }


def spark_build_args(settings: Settings) -> list[str]:
    """The Spark build: always a full build (the session's catalog lives in memory, so the
    tables of the previous build are gone), on the profile's ``spark`` target."""
    args = ["build", "--target", SPARK_TARGET, "--vars", json.dumps(spark_dbt_vars(settings))]
    return [*args, "--no-write-json", "--log-level-file", "info", "--full-refresh"]


def require_java(settings: Settings) -> None:
    """A local Spark session (the profile's `method: session` on a local master) starts a JVM:
    without Java the step would fail deep in pyspark ("Java gateway process exited")."""
    if settings.spark_master.startswith("local") and shutil.which("java") is None:
        raise RuntimeError(
            "the Spark engine starts a local Spark session, which needs a Java 17 runtime and "
            "`java` is not on PATH: run `make java` (installs openjdk-17-jre-headless) or "
            "install it with the package manager"
        )


def sync_raw_lake(settings: Settings) -> list[str]:
    """The raw lake mirrors every raw table (warehouse/lake.py) before dbt on Spark reads it:
    each load writes its months; this heals what a killed load or a copied warehouse left
    behind. Returns the tables re-exported."""
    try:
        from warehouse.lake import sync_lake
    except ImportError as exc:
        raise RuntimeError(
            "--engine spark needs the raw lake (warehouse/lake.py, issue 12), which this "
            f"checkout does not have: {exc}"
        ) from exc
    with connection(settings.duckdb_path) as conn:
        return sync_lake(conn, settings.lake_dir)


def reset_spark_warehouse(settings: Settings) -> Path:
    """An empty Spark warehouse dir: the in-memory catalog forgot the last build's tables, and
    a CTAS onto a location that still holds files fails."""
    directory = spark_warehouse_dir(settings)
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def stop_spark() -> None:
    """Stop the Spark session dbt started in this process and its JVM, so the step (and the
    ``crw run`` process it runs in) does not keep a JVM; the next Spark build starts a new one."""
    try:
        from pyspark import SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        return
    session = SparkSession.getActiveSession() or SparkSession._instantiatedSession
    if session is not None:
        session.stop()
    gateway = SparkContext._gateway
    if gateway is None:
        return
    process = getattr(gateway, "proc", None)  # the JVM pyspark launched (none if attached)
    gateway.shutdown()
    SparkContext._gateway = None
    SparkContext._jvm = None
    if process is not None:
        if process.stdin is not None:
            process.stdin.close()  # Spark's gateway server exits at EOF on its stdin
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def build_on_spark(
    context: dg.AssetExecutionContext, settings: Settings, finished: list[Any]
) -> dict[str, int]:
    """Raw lake, dbt on Spark, then every table it built loaded into the DuckDB warehouse
    (warehouse/spark_marts.py), so the BI copy and the brief read the same marts as after a
    DuckDB build. The DuckDB incremental window is not used: a Spark build is a full build."""
    require_java(settings)
    healed = sync_raw_lake(settings)
    context.log.info(
        f"raw lake {settings.lake_dir}: in sync"
        + (f" after re-exporting {', '.join(healed)}" if healed else "")
    )
    warehouse_dir = reset_spark_warehouse(settings)
    try:
        dbt_in_process(
            context,
            spark_build_args(settings),
            project=DBT_PROJECT,
            translator=TRANSLATOR,
            target_path=SPARK_TARGET_PATH,
            # The unit tests run too: the Spark build is where the SQL's second dialect is
            # exercised, and each needs the session's tables (the catalog is in memory).
            excludes=(),
            events=finished,
        )
    finally:
        stop_spark()
    contracts = contract_columns(json.loads(DBT_PROJECT.manifest_path.read_text()))
    with connection(settings.duckdb_path) as conn:
        loaded = load_spark_tables(conn, warehouse_dir, contracts)
    context.log.info(
        f"loaded {len(loaded)} Spark table(s), {sum(loaded.values()):,} rows, into "
        f"{settings.duckdb_path}"
    )
    return loaded


# --- end engine


@dbt_assets(
    manifest=DBT_PROJECT.manifest_path,
    project=DBT_PROJECT,
    dagster_dbt_translator=TRANSLATOR,
    pool=DUCKDB_POOL,
)
def dbt_models(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[Any]:
    settings = warehouse.settings()
    finished: list[Any] = []
    try:
        if run_engine(context, settings) == "spark":
            build_on_spark(context, settings, finished)
            return  # (the metadata below is read from the tables loaded into DuckDB)
        # Held back until dbt exits: it holds the DuckDB file while it builds, and each model's
        # row count and columns are read from the catalog afterwards.
        # The project's own target dir (one dbt at a time: the writer pool), so the next build
        # reuses this one's partial parse, made with the same --vars.
        target = DBT_PROJECT.project_dir / DBT_PROJECT.target_path
        # --- incremental window (README "Incremental transform"): the days the incremental
        # models recompute, from the rows loaded since the last successful build.
        with connection(settings.duckdb_path) as conn:
            window = open_window(
                conn,
                full_refresh=context.run.tags.get(FULL_REFRESH_TAG) == "true",
                project_version=dbt_project_version(settings.universe_file),
            )
        skips = incremental_skips(context, full_refresh=window.full_refresh)
        context.log.info(
            f"dbt window: {window.describe()}"
            + (f"; not rebuilt or re-tested: {' '.join(skips)}" if skips else "")
        )
        dbt_in_process(
            context,
            dbt_build_args(settings, full_refresh=window.full_refresh),
            project=DBT_PROJECT,
            translator=TRANSLATOR,
            target_path=target,
            excludes=PIPELINE_EXCLUDES,
            whole_project_excludes=skips,
            events=finished,
        )
        # (dbt_in_process raises when a node failed: the window is closed only after a build
        # that succeeded, so the next run recomputes the same days)
        with connection(settings.duckdb_path) as conn:
            close_window(conn)
        # --- end incremental window
    finally:
        yield from with_table_metadata(context, finished, settings)


def with_table_metadata(
    context: dg.AssetExecutionContext, events: list[Any], settings: Settings
) -> Iterator[Any]:
    """Each model's materialization with its row count (tables) and column schema, so the
    Dagster UI shows the data and not only that a step ran."""
    tables = {
        key: context.assets_def.specs_by_key[key].metadata.get("dagster/table_name")
        for key in context.assets_def.keys
    }
    schemas = sorted({name.split(".")[-2] for name in tables.values() if name})
    try:
        with connection(settings.duckdb_path, read_only=True) as conn:
            relations = describe_relations(conn, schemas)
    except WarehouseBusyError as exc:
        context.log.warning(f"no table metadata: {exc}")
        relations = {}
    for event in events:
        if isinstance(event, dg.Output | dg.AssetMaterialization):
            key = event.asset_key if isinstance(event, dg.AssetMaterialization) else None
            key = key or context.asset_key_for_output(event.output_name)
            name = tables.get(key)
            relation = relations.get(tuple(name.split(".")[-2:])) if name else None
            if relation is not None:
                metadata = {
                    "dagster/column_schema": dg.TableSchema(
                        columns=[dg.TableColumn(c, t) for c, t in relation.columns]
                    )
                }
                if relation.rows is not None:
                    metadata["dagster/row_count"] = relation.rows
                event = event.with_metadata({**event.metadata, **metadata})
        yield event


defs = dg.Definitions(assets=[dbt_models])
