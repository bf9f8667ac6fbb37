"""The table of contents: each source module's Definitions (its raw assets, checks and own
jobs), the dbt models, BI publishing, the jobs and schedules that span sources, and the
resources, merged into one."""

from __future__ import annotations

import dagster as dg

from orchestration import jobs, schedules
from orchestration.assets import (
    alternative_me,
    bi,
    binance,
    bls,
    bybit,
    coingecko,
    coinglass,
    dbt,
    deribit,
    farside,
    fed,
    fred,
    universe,
)
from orchestration.resources import build_resources

SOURCES = (binance, alternative_me, fred, coingecko, farside, bybit, deribit, coinglass, bls, fed)

defs = dg.Definitions.merge(
    *(source.defs for source in SOURCES),
    universe.defs,
    dbt.defs,
    bi.defs,
    jobs.defs,
    schedules.defs,
    dg.Definitions(resources=build_resources()),
)
