"""Farside raw assets: US spot BTC / ETH / SOL ETF flows per fund, with a trailing re-fetch.

Scheduled at 05:30 UTC Tuesday to Saturday for the previous UTC day: the US session closed at
20:00/21:00 UTC, Farside fills in most issuers during the UK night, and the run lands before
the European risk morning. Issuers that report later still are picked up by the next runs,
because each run re-fetches and reloads a trailing window of US trading days
(``CRW_FARSIDE_REFETCH_DAYS``, default 10) before its partition.
"""

from __future__ import annotations

import os
from datetime import date, timedelta

import dagster as dg

from ingestion.farside import client, records
from ingestion.farside.calendar import trading_days_before
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec
from orchestration.partitions import DAILY

REFETCH_DAYS_VARIABLE = "CRW_FARSIDE_REFETCH_DAYS"
DEFAULT_REFETCH_DAYS = 10


def refetch_days() -> int:
    """The trailing window in US trading days, read at run time."""
    raw = os.environ.get(REFETCH_DAYS_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_REFETCH_DAYS
    try:
        days = int(raw)
    except ValueError as exc:
        raise ValueError(
            f"{REFETCH_DAYS_VARIABLE} must be a whole number of days, got {raw!r}"
        ) from exc
    if days < 0:
        raise ValueError(f"{REFETCH_DAYS_VARIABLE} must be >= 0, got {days}")
    return days


def refetch_window(start: date, end: date) -> tuple[date, date]:
    """The partition window widened back by the trailing re-fetch (late reporters, revisions)."""
    return trading_days_before(start, refetch_days()), end


ETF_FLOWS = RawSpec(
    source="farside",
    entity="etf_flows",
    default_base_url=client.BASE_URL,
    fetch=client.fetch_etf_flows,
    parse=records.parse_etf_flows,
    schema=records.RAW_ETF_FLOWS_SCHEMA,
    description=(
        "Farside US spot BTC/ETH/SOL ETF net flows per fund and US trading day (US$ m), one row "
        "per asset, ticker, date and published page version; '-' (not reported) kept as null."
    ),
    key=("asset", "page", "ticker", "date"),
    keep_versions=True,
    user_agent=client.USER_AGENT,
    # Weekday source: Saturday's run to Tuesday's spans a long weekend.
    freshness_hours=80,
    window=refetch_window,
)

ETF_FLOWS_JOB = dg.define_asset_job(
    "farside_etf_flows_job",
    selection=dg.AssetSelection.assets(dg.AssetKey(["farside", "etf_flows"])).downstream(),
    partitions_def=DAILY,
    description="Farside ETF flows with the trailing re-fetch, then the dbt models downstream.",
)


@dg.schedule(
    job=ETF_FLOWS_JOB,
    cron_schedule="30 5 * * 2-6",
    execution_timezone="UTC",
    name="farside_etf_flows_schedule",
    description="05:30 UTC Tue-Sat: the US trading day that closed overnight, re-fetching the "
    "trailing window for late and revised figures.",
)
def etf_flows_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    day = (context.scheduled_execution_time - timedelta(days=1)).date().isoformat()
    return dg.RunRequest(run_key=f"farside_{day}", partition_key=day)


ASSETS = [raw_asset(ETF_FLOWS)]
CHECKS = [*raw_checks(ETF_FLOWS)]
JOBS = [ETF_FLOWS_JOB]
SCHEDULES = [etf_flows_schedule]
