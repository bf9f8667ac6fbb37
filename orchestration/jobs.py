"""Jobs that span sources (a source's own jobs live with its assets, e.g. Deribit's snapshot).

- ``daily_pipeline``: everything for one day's partition (the daily schedule's job).
- ``raw_ingest`` + ``transform``: a backfill of a date range runs as two runs, the partitioned
  raw assets as one single-run range, then dbt, the BI copy and the brief unpartitioned. One job
  over a long range would make Dagster plan every dbt test once per partition of the range
  (~150,000 planned rows for the sample window) before the first step starts.
- ``farside_etf_flows_job``: ETF flows with their trailing re-fetch, then the models downstream.
- ``macro_calendars``: the BLS and Fed calendar snapshots, then the macro models.
"""

from __future__ import annotations

import dagster as dg
from dagster_dbt import build_dbt_asset_selection

from orchestration.assets.dbt import dbt_models
from orchestration.partitions import DAILY

RAW_ASSETS = dg.AssetSelection.tag("layer", "raw")

DAILY_PIPELINE = dg.define_asset_job(
    "daily_pipeline",
    selection=dg.AssetSelection.all(),
    description="Ingest every source for one day's partition, then dbt, the BI copy and the brief.",
)

RAW_INGEST = dg.define_asset_job(
    "raw_ingest",
    selection=RAW_ASSETS,
    description="Ingest every source for a partition range (one run per range).",
)

TRANSFORM = dg.define_asset_job(
    "transform",
    selection=dg.AssetSelection.all() - RAW_ASSETS,
    description="dbt build (staging, intermediate, marts and their tests), BI copy, risk brief.",
)

ETF_FLOWS_JOB = dg.define_asset_job(
    "farside_etf_flows_job",
    selection=dg.AssetSelection.assets(dg.AssetKey(["farside", "etf_flows"])).downstream(),
    partitions_def=DAILY,
    description="Farside ETF flows with the trailing re-fetch, then the dbt models downstream.",
)

MACRO_DBT_SELECT = (
    "path:models/staging/bls path:models/staging/fed path:models/intermediate/macro "
    "path:models/marts/macro path:snapshots/macro_events_snapshot.yml"
)

MACRO_CALENDARS_JOB = dg.define_asset_job(
    "macro_calendars",
    selection=dg.AssetSelection.assets(["bls", "release_schedule"], ["fed", "fomc_meetings"])
    | build_dbt_asset_selection([dbt_models], dbt_select=MACRO_DBT_SELECT),
    partitions_def=DAILY,
    description="Snapshot the BLS and Fed calendars, then rebuild the macro dbt models.",
)

defs = dg.Definitions(
    jobs=[DAILY_PIPELINE, RAW_INGEST, TRANSFORM, ETF_FLOWS_JOB, MACRO_CALENDARS_JOB]
)
