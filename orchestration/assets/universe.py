"""The universe (``universe.yml``, or ``CRW_UNIVERSE_FILE``): loaded once when the definitions
load, so every raw asset's fetch and metadata come from it, and loaded into ``meta.universe``
by the ``meta/universe`` asset on every run, the dbt source the models read their asset lists
from (so the lineage runs universe -> models).

A bad file stops the definitions from loading, before any fetch: the error names the file, the
key and the entry (``crw`` prints it and exits 2). In sample mode an asset the sample dir does
not carry is refused the same way; in live mode a venue that does not list an asset fails for
that asset only (its raw asset lists it under ``failures``) and the others load.
"""

import functools

import dagster as dg

from ingestion.replay import bundled_sample_dir
from ingestion.universe import (
    VENUES,
    Universe,
    UniverseError,
    check_sample_listing,
    load_universe,
)
from orchestration.ingest import load_universe_table
from orchestration.partitions import DAILY, DUCKDB_POOL, SINGLE_RUN
from orchestration.resources import WarehouseResource
from warehouse.settings import Settings, SettingsError
from warehouse.tables import UNIVERSE_TABLE


def universe_for(settings: Settings) -> Universe:
    """The settings' universe file, validated (and, in sample mode, checked against what the
    sample dir carries); a problem is a SettingsError, as a bad variable is."""
    try:
        universe = load_universe(settings.universe_file)
        if settings.source_mode == "sample":
            check_sample_listing(universe, settings.sample_dir or bundled_sample_dir())
    except UniverseError as exc:
        raise SettingsError(str(exc)) from exc
    return universe


@functools.cache
def configured_universe() -> Universe:
    """The universe of this process's settings, read once (when the definitions load)."""
    return universe_for(Settings.from_env())


def universe_metadata(symbols: tuple[str, ...]) -> dict[str, str]:
    return {"universe": ", ".join(symbols) or "none"}


@dg.asset(
    key=["meta", "universe"],
    group_name="universe",
    description=(
        "The universe file loaded into meta.universe (kind, venue, asset, symbol): which "
        "assets each source fetches and each model covers. Replaced on every run."
    ),
    partitions_def=DAILY,
    backfill_policy=SINGLE_RUN,
    pool=DUCKDB_POOL,
    kinds={"python", "duckdb"},
    tags={"layer": "raw"},
    metadata={"table": UNIVERSE_TABLE},
)
def universe(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    # The universe the raw assets of these definitions fetch, so the models cover just that.
    loaded = configured_universe()
    rows = load_universe_table(warehouse.settings(), loaded)
    context.log.info(f"{UNIVERSE_TABLE}: {rows} rows from {loaded.path}")
    return dg.MaterializeResult(
        metadata={
            "table": UNIVERSE_TABLE,
            "file": dg.MetadataValue.path(str(loaded.path)),
            "rows_inserted": rows,
            "spot": ", ".join(loaded.spot) or "none",
            **{
                f"{kind}.{venue}": ", ".join(assets) or "none"
                for kind in VENUES
                for venue, assets in getattr(loaded, kind).items()
            },
            "pulse": ", ".join(loaded.pulse),
        }
    )


defs = dg.Definitions(assets=[universe])
