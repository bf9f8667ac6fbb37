"""The alerts, risk score and regime follow the rules documented in
models/marts/risk/_risk__models.yml, recomputed in plain Python from the underlying marts
(risk_expectations.py) with the thresholds read from dbt_project.yml: with the default vars, and
with overrides that make every rule fire on fresh inputs and tighten the staleness lags."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from risk_expectations import (
    DBT_DIR,
    PULSE_DAY,
    Inputs,
    compare_with_marts,
    default_vars,
    expected_scores,
)

from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end


def test_alerts_follow_the_documented_rules_for_a_set_of_days(marts) -> None:
    v = default_vars()
    inputs = Inputs(marts)
    days = [
        r[0]
        for r in marts.execute(
            "select date from marts.fct_market_pulse_daily order by date"
        ).fetchall()
    ]
    # one pulse row per calendar day, whatever the sources had
    assert days == [days[0] + timedelta(days=i) for i in range((days[-1] - days[0]).days + 1)]
    assert (days[0], days[-1]) == (date(2024, 1, 1), date(2025, 11, 15))
    # the macro part reads the pulse's countdowns: they are the as-known-that-day countdowns
    plumbing = marts.execute(
        "select count(*) from marts.fct_market_pulse_daily p "
        "join intermediate.int_macro_countdowns_computed m using (date) "
        "where p.days_to_next_cpi is distinct from m.days_to_next_cpi "
        "or p.days_to_next_fomc is distinct from m.days_to_next_fomc"
    ).fetchall()
    assert plumbing == [(0,)]

    expected, mismatches = compare_with_marts(marts, inputs, v)
    assert not mismatches, mismatches[:10]

    # the comparison is not vacuous: every rule fires somewhere in the sample, at both levels
    fired = Counter((c, s) for alerts in expected.values() for c, _, s in alerts)
    codes = {c for c, _ in fired}
    assert codes == {
        "BELOW_SMA_50W",
        "DRAWDOWN_FROM_ATH",
        "RSI_OVERSOLD",
        "ETF_OUTFLOW_STREAK",
        "EXTREME_FEAR",
        "BTC_NDX_CORRELATION",
        "LIQUIDATION_CASCADE",
        "OI_FLUSH",
        "NEGATIVE_FUNDING",
        "BASIS_COMPRESSED",
        "IV_BACKWARDATION",
        "CPI_NEAR",
        "FOMC_NEAR",
        "DAILY_CLOSE_LEVEL_CROSS",
        "WEEKLY_CLOSE_LEVEL_CROSS",
    }
    assert fired[("DRAWDOWN_FROM_ATH", "high")] and fired[("ETF_OUTFLOW_STREAK", "high")]
    scores = expected_scores(expected, v)
    assert {regime for _, regime in scores.values()} == {
        "calm",
        "elevated",
        "stressed",
        "extreme",
    }

    # the named days read as the market did
    crash = expected[date(2024, 8, 5)]  # the yen carry unwind
    assert {
        ("LIQUIDATION_CASCADE", None, "high"),
        ("OI_FLUSH", "BTC", "medium"),
        ("RSI_OVERSOLD", "BTC", "low"),
    } <= crash
    # the worst day of the sample so far: above every earlier day's alert points
    assert scores[date(2024, 8, 5)] == (100, "extreme")
    tariffs = expected[date(2025, 4, 7)]
    assert {("EXTREME_FEAR", None, "medium"), ("DRAWDOWN_FROM_ATH", "BTC", "medium")} <= tariffs
    assert any(c == "ETF_OUTFLOW_STREAK" for c, _, _ in tariffs)
    assert expected[PULSE_DAY] == {("IV_BACKWARDATION", "BTC", "medium")}
    assert expected[date(2024, 12, 18)] >= {("FOMC_NEAR", None, "low")}  # decision day counts 0
    assert expected[date(2025, 10, 10)] >= {("LIQUIDATION_CASCADE", None, "high")}

    # BTC ETF flows are Farside's real totals to 2025-11-14; ETH's end 2025-08-29 (stale, silent).
    # Outflows Oct 29 - Nov 4 make a 5-day streak (high) on Nov 4; Nov 12-14 a 3-day one
    # (medium) on the 14th and the Saturday after; two days (Sep 4-5) are no streak yet.
    def etf_alerts(day: date) -> set:
        return {(a, s) for c, a, s in expected[day] if c == "ETF_OUTFLOW_STREAK"}

    assert etf_alerts(date(2025, 11, 4)) == {("BTC", "high")}
    assert etf_alerts(date(2025, 11, 14)) == etf_alerts(date(2025, 11, 15)) == {("BTC", "medium")}
    assert etf_alerts(date(2025, 9, 7)) == set()
    assert {("EXTREME_FEAR", None, "medium"), ("BELOW_SMA_50W", "BTC", "medium")} <= expected[
        date(2025, 11, 14)
    ]


def run_dbt(args: list[str], settings: Settings, tmp_path: Path) -> subprocess.CompletedProcess:
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [
            str(dbt),
            *args,
            "--project-dir",
            str(DBT_DIR),
            "--profiles-dir",
            str(DBT_DIR),
            # never the project's target/: the Dagster definitions read its manifest
            "--target-path",
            str(tmp_path / "dbt_target"),
            "--log-path",
            str(tmp_path / "dbt_logs"),
        ],
        cwd=DBT_DIR,
        env={**os.environ, **settings.dbt_env()},
        capture_output=True,
        text=True,
        timeout=300,
    )


# Every rule fires on every fresh input it has; the staleness lags are tightened so weekends,
# holidays and the one missing Fear & Greed day (2024-10-26) make inputs stale.
PERMISSIVE_VARS = {
    "alert_drawdown_pct": 0,
    "alert_rsi_oversold": 101,
    "alert_etf_outflow_streak_days": 0,
    "alert_etf_outflow_streak_high_days": 2,
    "alert_fear_greed_max": 100,
    "alert_btc_ndx_corr_min": -1,
    "alert_liquidations_usd": 0,
    "alert_liquidations_long_share": 0,
    "alert_oi_flush_pct": 1,
    "alert_funding_max": 1,
    "alert_basis_min": 1,
    "alert_macro_days": 400,
    "risk_weight_high": 7,
    "risk_weight_medium": 3,
    "risk_weight_low": 1,
    "risk_regime_elevated_from": 20,
    "risk_regime_stressed_from": 30,
    "risk_regime_extreme_from": 40,
    "pulse_max_lag_days_fear_greed": 0,
    "pulse_max_lag_days_etf_flows": 2,
    "pulse_max_lag_days_ndx": 0,
}


def test_stale_inputs_raise_no_alert_even_when_the_rule_would_fire(
    sample_run: Settings, tmp_path: Path
) -> None:
    """With thresholds every fresh input meets, the alerts are exactly the fresh inputs."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_run.duckdb_path, copy)
    settings = Settings("sample", tmp_path, copy)
    result = run_dbt(
        ["run", "--select", "int_risk_inputs_joined+", "--vars", json.dumps(PERMISSIVE_VARS)],
        settings,
        tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    v = {**default_vars(), **PERMISSIVE_VARS}
    with duckdb.connect(str(copy), read_only=True) as conn:
        inputs = Inputs(conn)
        expected, mismatches = compare_with_marts(conn, inputs, v)
    assert not mismatches, mismatches[:10]

    def fired(day: date, code: str) -> set:
        return {a for c, a, _ in expected[day] if c == code}

    # the lags did make inputs stale, and stale inputs stayed silent
    assert fired(date(2024, 10, 26), "EXTREME_FEAR") == set()  # no reading that day
    assert fired(date(2024, 10, 25), "EXTREME_FEAR") == {None}
    assert fired(date(2025, 8, 30), "BTC_NDX_CORRELATION") == set()  # Saturday, lag 0
    assert fired(date(2025, 8, 29), "BTC_NDX_CORRELATION") == {"BTC"}
    assert (
        fired(date(2025, 9, 1), "ETF_OUTFLOW_STREAK") == set()
    )  # Labor Day: Friday's flows, 3 days old
    assert fired(date(2025, 8, 31), "ETF_OUTFLOW_STREAK") == {"BTC", "ETH"}  # 2 days old
    assert fired(date(2024, 5, 1), "ETF_OUTFLOW_STREAK") == {"BTC"}  # before the ETH ETFs
    # Saturday: Friday's BTC flows are 1 day old; ETH's end 2025-08-29 in the sample
    assert fired(date(2025, 11, 15), "ETF_OUTFLOW_STREAK") == {"BTC"}
    assert fired(date(2025, 11, 15), "LIQUIDATION_CASCADE") == {None}
    regimes = Counter(regime for _, regime in expected_scores(expected, v).values())
    assert len(regimes) >= 3, regimes
