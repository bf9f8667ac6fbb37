"""The mart reads behind the risk brief and the run's headline lines: the SQL as named constants,
run read-only, handed back as plain Python rows (dicts of str, int, float, date, datetime), so
the ``brief`` package renders them without touching DuckDB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import connection

# The assets the brief's charts, weekly closes and headline lines are drawn for: the pulse's
# wide btc_/eth_ columns (a contract, whatever else the universe adds to the marts). Bound as a
# parameter, so the SQL names no coin.
BRIEF_ASSETS = ("BTC", "ETH")

# The brief reads the BI copy, whose tables sit in its main schema.
LATEST_PULSE_DAY_SQL = "select max(date) from fct_market_pulse_daily"
PULSE_SQL = "select * from fct_market_pulse_daily where date = ?"
ALERTS_SQL = """
    select * from fct_risk_alerts where date = ?
    order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, alert_code, asset
"""
EVENTS_SQL = """
    select event_type, scheduled_date, scheduled_at_utc, original_scheduled_date, status,
           reference_period, has_projections
    from dim_macro_events
    where scheduled_date >= ? and scheduled_date <= ? + interval 60 day
    order by scheduled_date
"""
PRICES_SQL = """
    select asset, date, close, sma_50w, drawdown_from_ath from fct_prices_daily
    where list_contains(?, asset) and date <= ? and date > ? - interval 400 day order by date
"""
ETF_FLOWS_SQL = """
    select date, net_flow_usd, outflow_streak_days from fct_etf_flows_asset_daily
    where asset = 'BTC' and date <= ? order by date desc limit 60
"""
DERIVATIVES_SQL = """
    select asset, date, funding_rate_annualized, basis_annualized_front_quarter,
           open_interest_usd, atm_iv_7d, atm_iv_30d, dvol
    from fct_derivatives_daily
    where date <= ? and date > ? - interval 120 day order by date
"""
LIQUIDATIONS_SQL = """
    select date, sum(liquidations_long_usd) as liquidations_long_usd,
           sum(liquidations_short_usd) as liquidations_short_usd
    from fct_derivatives_daily
    where list_contains(?, asset) and date <= ? and date > ? - interval 60 day
    group by date order by date
"""
MARKET_SQL = """
    select date, fear_greed_value, btc_ndx_corr_30d, btc_ndx_corr_90d from fct_market_daily
    where date <= ? and date > ? - interval 365 day order by date
"""
RECORDS_SQL = """
    select metric, date, value, highest_since, lowest_since, first_date
    from fct_pulse_records_daily
    where date <= ?
    qualify row_number() over (partition by metric order by date desc) = 1
    order by metric
"""
WEEKLY_SQL = """
    select asset, week_start, week_end, close, return_1w from fct_prices_weekly
    where list_contains(?, asset) and week_end <= ?
    qualify row_number() over (partition by asset order by week_end desc) = 1
    order by asset
"""
LEVELS_SQL = "select asset, level, kind, label from dim_price_levels order by asset, level desc"

# ``marts.`` names the warehouse file's schema and the BI copy's catalog alike, so the headline
# reads either file.
HEADLINE_PRICES_SQL = """
    select asset, date, close, drawdown_from_ath, distance_to_sma_50w, rsi_14
    from marts.fct_prices_daily
    where list_contains(?, asset)
    qualify date = max(date) over (partition by asset)
    order by asset
"""
HEADLINE_MARKET_SQL = """
    select date, fear_greed_value, fear_greed_classification, btc_ndx_corr_30d, btc_dominance
    from marts.fct_market_daily order by date desc limit 1
"""
HEADLINE_PULSE_SQL = """
    select date, risk_regime, risk_score, active_alerts, stale_inputs
    from marts.fct_market_pulse_daily order by date desc limit 1
"""


def fetch_rows(
    conn: duckdb.DuckDBPyConnection, query: str, params: Sequence = ()
) -> list[dict[str, Any]]:
    relation = conn.execute(query, list(params))
    names = [d[0] for d in relation.description]
    # DECIMAL money columns arrive as Decimal; charts and formatting want floats.
    return [
        {k: float(v) if isinstance(v, Decimal) else v for k, v in zip(names, row, strict=True)}
        for row in relation.fetchall()
    ]


def brief_rows(conn: duckdb.DuckDBPyConnection, day: date | None = None) -> dict[str, Any]:
    """Every row the brief shows for ``day`` (default: the latest day of the pulse):
    ``day``, ``pulse`` (one dict) and lists of rows ``alerts``, ``events``, ``prices``,
    ``etf_flows`` (oldest first), ``derivatives``, ``liquidations``, ``market``, and for the
    desk notes ``records`` (each metric's latest fct_pulse_records_daily row on or before
    ``day``), ``weekly`` (the last completed week of BTC and ETH) and ``levels``."""
    if day is None:
        day = conn.execute(LATEST_PULSE_DAY_SQL).fetchall()[0][0]
        if day is None:
            raise ValueError("fct_market_pulse_daily is empty: nothing to brief")
    pulse = fetch_rows(conn, PULSE_SQL, [day])
    if not pulse:
        raise ValueError(f"no pulse row for {day}")
    return {
        "day": day,
        "pulse": pulse[0],
        "alerts": fetch_rows(conn, ALERTS_SQL, [day]),
        "events": fetch_rows(conn, EVENTS_SQL, [day, day]),
        "prices": fetch_rows(conn, PRICES_SQL, [list(BRIEF_ASSETS), day, day]),
        "etf_flows": fetch_rows(conn, ETF_FLOWS_SQL, [day])[::-1],
        "derivatives": fetch_rows(conn, DERIVATIVES_SQL, [day, day]),
        "liquidations": fetch_rows(conn, LIQUIDATIONS_SQL, [list(BRIEF_ASSETS), day, day]),
        "market": fetch_rows(conn, MARKET_SQL, [day, day]),
        "records": fetch_rows(conn, RECORDS_SQL, [day]),
        "weekly": fetch_rows(conn, WEEKLY_SQL, [list(BRIEF_ASSETS), day]),
        "levels": fetch_rows(conn, LEVELS_SQL),
    }


def read_brief_rows(marts_path: Path, day: date | None = None) -> dict[str, Any]:
    """``brief_rows`` from a marts file (the BI copy), opened read-only."""
    with connection(marts_path, read_only=True) as conn:
        return brief_rows(conn, day)


def headline_rows(conn: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """The latest BTC/ETH price rows, market row and pulse row: ``prices``, ``market``,
    ``pulse``."""
    return {
        "prices": fetch_rows(conn, HEADLINE_PRICES_SQL, [list(BRIEF_ASSETS)]),
        "market": fetch_rows(conn, HEADLINE_MARKET_SQL),
        "pulse": fetch_rows(conn, HEADLINE_PULSE_SQL),
    }
