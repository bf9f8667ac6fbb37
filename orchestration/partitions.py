"""Daily UTC partitions from 2018-01-01 (the bundled sample starts 2024-01-01, a scaled sample
(tools.scale) 2018-01-01); backfills of any range run as one run."""

from __future__ import annotations

from datetime import date, timedelta

import dagster as dg

START_DATE = "2018-01-01"
DAILY = dg.DailyPartitionsDefinition(start_date=START_DATE, timezone="UTC")
SINGLE_RUN = dg.BackfillPolicy.single_run()
# Every asset that writes the DuckDB file shares this pool; the instance limits it to 1
# (DuckDB allows one writer process).
DUCKDB_POOL = "duckdb_writer"


def window(context: dg.AssetExecutionContext) -> tuple[date, date]:
    """The run's partition window as inclusive UTC dates."""
    time_window = context.partition_time_window
    return time_window.start.date(), (time_window.end - timedelta(days=1)).date()
