"""The table of contents: every asset, check, resource, job, schedule and sensor."""

from __future__ import annotations

import dagster as dg

from orchestration.assets import binance
from orchestration.assets.dbt import dbt_models
from orchestration.jobs import DAILY_PIPELINE
from orchestration.resources import build_resources
from orchestration.schedules import SCHEDULES

RAW_ASSETS = [*binance.ASSETS]

defs = dg.Definitions(
    assets=[*RAW_ASSETS, dbt_models],
    jobs=[DAILY_PIPELINE],
    schedules=SCHEDULES,
    resources=build_resources(),
)
