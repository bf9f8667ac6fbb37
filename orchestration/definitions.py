"""The table of contents: every asset, check, resource, job, schedule and sensor."""

from __future__ import annotations

import dagster as dg

from orchestration.assets import (
    alternative_me,
    bi,
    binance,
    bls,
    bybit,
    coingecko,
    coinglass,
    deribit,
    farside,
    fed,
    fred,
)
from orchestration.assets.dbt import dbt_models
from orchestration.jobs import JOBS
from orchestration.resources import build_resources
from orchestration.schedules import SCHEDULES

SOURCE_MODULES = (
    binance,
    alternative_me,
    fred,
    coingecko,
    farside,
    bybit,
    deribit,
    coinglass,
    bls,
    fed,
)


def _collect(attribute: str) -> list:
    return [item for module in SOURCE_MODULES for item in getattr(module, attribute, [])]


defs = dg.Definitions(
    assets=[*_collect("ASSETS"), dbt_models, *bi.ASSETS],
    asset_checks=_collect("CHECKS"),
    jobs=[*JOBS, *_collect("JOBS")],
    schedules=[*SCHEDULES, *_collect("SCHEDULES")],
    sensors=_collect("SENSORS"),
    resources=build_resources(),
)
