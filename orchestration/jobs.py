"""Jobs.

- ``daily_pipeline``: everything for one day's partition (the schedule's job).
- ``raw_ingest`` + ``transform``: a backfill of a date range runs as two runs, the partitioned
  raw assets as one single-run range, then dbt, the BI copy and the brief unpartitioned. One job
  over a long range would make Dagster plan every dbt test once per partition of the range
  (~150,000 planned rows for the sample window) before the first step starts.
"""

from __future__ import annotations

import dagster as dg

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

JOBS = [DAILY_PIPELINE, RAW_INGEST, TRANSFORM]
