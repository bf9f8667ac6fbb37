"""Jobs: the whole pipeline for a partition window (raw assets as one single-run range, then dbt)."""

from __future__ import annotations

import dagster as dg

from orchestration.partitions import DAILY

DAILY_PIPELINE = dg.define_asset_job(
    "daily_pipeline",
    selection=dg.AssetSelection.all(),
    partitions_def=DAILY,
    description="Ingest every source for the partition window, then build the dbt models.",
)
