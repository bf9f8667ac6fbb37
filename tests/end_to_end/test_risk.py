"""The risk pulse, the alerts and BI publishing end to end on the sample.

- The 2025-08-29 pulse row (the last day with every real source) shows that day's figures of the
  underlying marts.
- The alerts, risk score and regime follow the rules documented in
  models/marts/risk/_risk__models.yml, recomputed here in plain Python from the underlying marts
  with the thresholds read from dbt_project.yml (the SQL is not reused), with the default vars
  and with overrides that make every rule fire on fresh inputs and tighten the staleness lags.
- A reader holding the BI copy open never sees a partial copy while the pipeline runs; a failing
  blocking dbt test leaves the previous BI copy and report untouched.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import time
from bisect import bisect_right
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
import yaml
from sample_env import sample_environment

from warehouse.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.end_to_end

DBT_DIR = PROJECT_DIR / "dbt_project"
PULSE_DAY = date(2025, 8, 29)
PAIR = ("BTC", "ETH")


def default_vars() -> dict:
    return yaml.safe_load((DBT_DIR / "dbt_project.yml").read_text())["vars"]


def close(actual, expected, rel: float = 1e-12) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(float(actual), float(expected), rel_tol=rel, abs_tol=1e-9)


def rows_as_dicts(conn: duckdb.DuckDBPyConnection, query: str, params=()) -> list[dict]:
    result = conn.execute(query, list(params))
    names = [d[0] for d in result.description]
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


# --------------------------------------------------------------------------------------------
# 1. The 2025-08-29 pulse row
# --------------------------------------------------------------------------------------------


def test_pulse_on_2025_08_29_shows_that_days_real_figures(marts) -> None:
    (pulse,) = rows_as_dicts(
        marts, "select * from marts.fct_market_pulse_daily where date = ?", [PULSE_DAY]
    )
    prices = {
        r["asset"]: r
        for r in rows_as_dicts(
            marts,
            "select * from marts.fct_prices_daily where date = ? and asset in ('BTC', 'ETH')",
            [PULSE_DAY],
        )
    }
    flows = {
        r["asset"]: r
        for r in rows_as_dicts(
            marts,
            "select * from marts.fct_etf_flows_asset_daily "
            "where date = ? and asset in ('BTC', 'ETH')",
            [PULSE_DAY],
        )
    }
    derivatives = {
        r["asset"]: r
        for r in rows_as_dicts(
            marts, "select * from marts.fct_derivatives_daily where date = ?", [PULSE_DAY]
        )
    }
    (market,) = rows_as_dicts(
        marts, "select * from marts.fct_market_daily where date = ?", [PULSE_DAY]
    )
    assert set(prices) == set(flows) == set(derivatives) == set(PAIR)

    expected = {
        "btc_close": prices["BTC"]["close"],
        "btc_drawdown_from_ath": prices["BTC"]["drawdown_from_ath"],
        "btc_sma_50w": prices["BTC"]["sma_50w"],
        "btc_distance_to_sma_50w": prices["BTC"]["distance_to_sma_50w"],
        "btc_rsi_14": prices["BTC"]["rsi_14"],
        "eth_close": prices["ETH"]["close"],
        "eth_drawdown_from_ath": prices["ETH"]["drawdown_from_ath"],
        "eth_distance_to_sma_50w": prices["ETH"]["distance_to_sma_50w"],
        "eth_rsi_14": prices["ETH"]["rsi_14"],
        "btc_etf_net_flow_usd": flows["BTC"]["net_flow_usd"],
        "btc_etf_flow_5d_usd": flows["BTC"]["flow_5d_usd"],
        "btc_etf_outflow_streak_days": flows["BTC"]["outflow_streak_days"],
        "btc_etf_inflow_streak_days": flows["BTC"]["inflow_streak_days"],
        "eth_etf_net_flow_usd": flows["ETH"]["net_flow_usd"],
        "eth_etf_outflow_streak_days": flows["ETH"]["outflow_streak_days"],
        "eth_etf_inflow_streak_days": flows["ETH"]["inflow_streak_days"],
        "liquidations_long_usd": derivatives["BTC"]["liquidations_long_usd"]
        + derivatives["ETH"]["liquidations_long_usd"],
        "liquidations_short_usd": derivatives["BTC"]["liquidations_short_usd"]
        + derivatives["ETH"]["liquidations_short_usd"],
        "btc_open_interest_usd": derivatives["BTC"]["open_interest_usd"],
        "btc_oi_change_1d": derivatives["BTC"]["oi_change_1d"],
        "eth_oi_change_1d": derivatives["ETH"]["oi_change_1d"],
        "btc_funding_rate_annualized": derivatives["BTC"]["funding_rate_annualized"],
        "eth_funding_rate_annualized": derivatives["ETH"]["funding_rate_annualized"],
        "btc_basis_annualized_front_quarter": derivatives["BTC"]["basis_annualized_front_quarter"],
        "eth_basis_annualized_front_quarter": derivatives["ETH"]["basis_annualized_front_quarter"],
        "btc_atm_iv_7d": derivatives["BTC"]["atm_iv_7d"],
        "btc_atm_iv_30d": derivatives["BTC"]["atm_iv_30d"],
        "fear_greed_value": market["fear_greed_value"],
        "btc_ndx_corr_30d": market["btc_ndx_corr_30d"],
        "btc_ndx_corr_90d": market["btc_ndx_corr_90d"],
    }
    # every figure is there that day (a null would make the comparison meaningless)
    assert all(v is not None for v in expected.values()), [
        k for k, v in expected.items() if v is None
    ]
    wrong = {k: (pulse[k], v) for k, v in expected.items() if not close(pulse[k], v)}
    assert not wrong, wrong
    total = expected["liquidations_long_usd"] + expected["liquidations_short_usd"]
    assert close(pulse["liquidations_total_usd"], total)
    assert close(pulse["liquidations_long_share"], expected["liquidations_long_usd"] / total)
    assert pulse["btc_etf_largest_outflow_ticker"] == flows["BTC"]["largest_outflow_ticker"]
    assert pulse["btc_is_iv_backwardated"] == (
        expected["btc_atm_iv_7d"] > expected["btc_atm_iv_30d"]
    )
    assert pulse["fear_greed_classification"] == market["fear_greed_classification"]

    # the real figures of that day, as the sources published them
    assert pulse["btc_close"] == 108377.4 and pulse["eth_close"] == 4360.18
    assert (
        pulse["btc_etf_net_flow_usd"] == -126_700_000
        and pulse["eth_etf_net_flow_usd"] == -164_600_000
    )
    assert pulse["btc_etf_largest_outflow_ticker"] == "ARKB"
    assert (pulse["fear_greed_value"], pulse["fear_greed_classification"]) == (50, "Neutral")

    # the next CPI (the August CPI on Sep 11) and FOMC decision (Sep 17) from the calendar mart
    events = marts.execute(
        "select event_type, min(scheduled_date) from marts.dim_macro_events "
        "where event_type in ('CPI', 'FOMC_DECISION') and status <> 'cancelled' "
        "and scheduled_date >= ? "
        "group by event_type",
        [PULSE_DAY],
    ).fetchall()
    next_event = dict(events)
    assert next_event == {"CPI": date(2025, 9, 11), "FOMC_DECISION": date(2025, 9, 17)}
    assert (pulse["next_cpi_date"], pulse["days_to_next_cpi"]) == (date(2025, 9, 11), 13)
    assert (pulse["next_fomc_date"], pulse["days_to_next_fomc"]) == (date(2025, 9, 17), 19)

    # every input is that day's, none stale
    for column in (
        "prices_as_of",
        "etf_flows_as_of",
        "derivatives_as_of",
        "fear_greed_as_of",
        "ndx_as_of",
    ):
        assert pulse[column] == PULSE_DAY, column
    assert pulse["stale_inputs"] is None


# --------------------------------------------------------------------------------------------
# 2. Alerts, score and regime recomputed from the documented rules
# --------------------------------------------------------------------------------------------


class AsOf:
    """Latest (date, value) on or before a day."""

    def __init__(self, points: list[tuple[date, object]]) -> None:
        points = sorted(points, key=lambda p: p[0])
        self.dates = [d for d, _ in points]
        self.values = [v for _, v in points]

    def at(self, day: date) -> tuple[date | None, object]:
        i = bisect_right(self.dates, day)
        return (self.dates[i - 1], self.values[i - 1]) if i else (None, None)


class Inputs:
    """The pulse inputs, read straight from the marts the pulse is built from."""

    def __init__(self, marts: duckdb.DuckDBPyConnection) -> None:
        def series(query: str) -> dict[str, AsOf]:
            by_asset: dict[str, list] = {a: [] for a in PAIR}
            for row in rows_as_dicts(marts, query):
                by_asset[row["asset"]].append((row["date"], row))
            return {a: AsOf(p) for a, p in by_asset.items()}

        self.prices = series("select * from marts.fct_prices_daily where asset in ('BTC', 'ETH')")
        self.etf = series(
            "select * from marts.fct_etf_flows_asset_daily where asset in ('BTC', 'ETH')"
        )
        self.derivatives = series("select * from marts.fct_derivatives_daily")
        market = rows_as_dicts(marts, "select * from marts.fct_market_daily")
        self.fear_greed = AsOf(
            [(r["date"], r) for r in market if r["fear_greed_value"] is not None]
        )
        # the correlations are defined on US trading days; other days carry them forward
        self.ndx = AsOf([(r["date"], r) for r in market if r["us_trading_date"] == r["date"]])
        self.macro = {
            r["date"]: r
            for r in rows_as_dicts(
                marts,
                "select date, days_to_next_cpi, days_to_next_fomc "
                "from marts.fct_market_pulse_daily",
            )
        }


def stale(day: date, as_of: date | None, lag: int) -> bool:
    return as_of is None or (day - as_of).days > lag


def expected_alerts(inputs: Inputs, day: date, v: dict) -> set[tuple[str, str | None, str]]:
    """The documented rules (fct_risk_alerts' table), each only on fresh inputs."""
    alerts: set[tuple[str, str | None, str]] = set()
    deriv_rows = {}
    for asset in PAIR:
        as_of, p = inputs.prices[asset].at(day)
        if not stale(day, as_of, v["pulse_max_lag_days_prices"]):
            if p["sma_50w"] is not None and p["close"] < p["sma_50w"]:
                alerts.add(("BELOW_SMA_50W", asset, "medium"))
            dd = p["drawdown_from_ath"]
            if dd is not None and dd <= v["alert_drawdown_pct"]:
                alerts.add(
                    (
                        "DRAWDOWN_FROM_ATH",
                        asset,
                        "high" if dd <= v["alert_drawdown_high_pct"] else "medium",
                    )
                )
            if p["rsi_14"] is not None and p["rsi_14"] < v["alert_rsi_oversold"]:
                alerts.add(("RSI_OVERSOLD", asset, "low"))

        as_of, e = inputs.etf[asset].at(day)
        if not stale(day, as_of, v["pulse_max_lag_days_etf_flows"]):
            streak = e["outflow_streak_days"]
            if streak >= v["alert_etf_outflow_streak_days"]:
                severity = "high" if streak >= v["alert_etf_outflow_streak_high_days"] else "medium"
                alerts.add(("ETF_OUTFLOW_STREAK", asset, severity))

        as_of, d = inputs.derivatives[asset].at(day)
        deriv_rows[asset] = None if stale(day, as_of, v["pulse_max_lag_days_derivatives"]) else d
        if d is None or deriv_rows[asset] is None:
            continue
        if d["oi_change_1d"] is not None and d["oi_change_1d"] <= v["alert_oi_flush_pct"]:
            alerts.add(("OI_FLUSH", asset, "medium"))
        if (
            d["funding_rate_annualized"] is not None
            and d["funding_rate_annualized"] < v["alert_funding_max"]
        ):
            alerts.add(("NEGATIVE_FUNDING", asset, "low"))
        basis = d["basis_annualized_front_quarter"]
        if basis is not None and basis < v["alert_basis_min"]:
            alerts.add(("BASIS_COMPRESSED", asset, "low"))
        if (
            asset == "BTC"
            and d["atm_iv_7d"] is not None
            and d["atm_iv_30d"] is not None
            and d["atm_iv_7d"] > d["atm_iv_30d"]
        ):
            alerts.add(("IV_BACKWARDATION", "BTC", "medium"))

    # BTC+ETH liquidations, only when both assets' derivatives are fresh
    if all(deriv_rows[a] is not None for a in PAIR):
        longs = [deriv_rows[a]["liquidations_long_usd"] for a in PAIR]
        shorts = [deriv_rows[a]["liquidations_short_usd"] for a in PAIR]
        if all(x is not None for x in longs + shorts):
            total = sum(longs) + sum(shorts)
            if (
                total > 0
                and total >= v["alert_liquidations_usd"]
                and sum(longs) / total >= v["alert_liquidations_long_share"]
            ):
                alerts.add(("LIQUIDATION_CASCADE", None, "high"))

    as_of, fg = inputs.fear_greed.at(day)
    if (
        not stale(day, as_of, v["pulse_max_lag_days_fear_greed"])
        and fg["fear_greed_value"] <= v["alert_fear_greed_max"]
    ):
        alerts.add(("EXTREME_FEAR", None, "medium"))

    as_of, m = inputs.ndx.at(day)
    if (
        not stale(day, as_of, v["pulse_max_lag_days_ndx"])
        and m["btc_ndx_corr_30d"] is not None
        and m["btc_ndx_corr_30d"] >= v["alert_btc_ndx_corr_min"]
    ):
        alerts.add(("BTC_NDX_CORRELATION", "BTC", "low"))

    macro = inputs.macro[day]
    if macro["days_to_next_cpi"] is not None and macro["days_to_next_cpi"] <= v["alert_macro_days"]:
        alerts.add(("CPI_NEAR", None, "low"))
    if (
        macro["days_to_next_fomc"] is not None
        and macro["days_to_next_fomc"] <= v["alert_macro_days"]
    ):
        alerts.add(("FOMC_NEAR", None, "low"))
    return alerts


def expected_score(alerts: set[tuple[str, str | None, str]], v: dict) -> tuple[int, str]:
    points = sum(v[f"risk_weight_{severity}"] for _, _, severity in alerts)
    if points >= v["risk_regime_extreme_from"]:
        regime = "extreme"
    elif points >= v["risk_regime_stressed_from"]:
        regime = "stressed"
    elif points >= v["risk_regime_elevated_from"]:
        regime = "elevated"
    else:
        regime = "calm"
    return min(100, points), regime


def compare_with_marts(
    conn: duckdb.DuckDBPyConnection, inputs: Inputs, v: dict
) -> tuple[dict, list]:
    """Expected alerts for every pulse day; returns them and the mismatches with the marts."""
    actual: dict[date, set] = {}
    for day, code, asset, severity in conn.execute(
        "select date, alert_code, asset, severity from marts.fct_risk_alerts"
    ).fetchall():
        actual.setdefault(day, set()).add((code, asset, severity))
    pulse = {
        r["date"]: r for r in rows_as_dicts(conn, "select * from marts.fct_market_pulse_daily")
    }
    assert set(actual) <= set(pulse), "alerts on days without a pulse row"
    expected, mismatches = {}, []
    for day in sorted(pulse):
        exp = expected[day] = expected_alerts(inputs, day, v)
        got = actual.get(day, set())
        if got != exp:
            mismatches.append(
                (day, "alerts", sorted(got - exp, key=str), sorted(exp - got, key=str))
            )
        row = pulse[day]
        score, regime = expected_score(exp, v)
        codes = ", ".join(sorted(c if a is None else f"{c}:{a}" for c, a, _ in exp)) or None
        summary = (
            row["risk_score"],
            row["risk_regime"],
            row["active_alerts"],
            row["high_alerts"],
            row["alert_codes"],
        )
        wanted = (score, regime, len(exp), sum(s == "high" for _, _, s in exp), codes)
        if summary != wanted:
            mismatches.append((day, "pulse", summary, wanted))
    return expected, mismatches


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
    }
    assert fired[("DRAWDOWN_FROM_ATH", "high")] and fired[("ETF_OUTFLOW_STREAK", "high")]
    assert {expected_score(a, v)[1] for a in expected.values()} == {
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
    assert expected_score(crash, v) == (100, "extreme")
    tariffs = expected[date(2025, 4, 7)]
    assert {("EXTREME_FEAR", None, "medium"), ("DRAWDOWN_FROM_ATH", "BTC", "medium")} <= tariffs
    assert any(c == "ETF_OUTFLOW_STREAK" for c, _, _ in tariffs)
    assert expected[PULSE_DAY] == {("IV_BACKWARDATION", "BTC", "medium")}
    assert expected[date(2024, 12, 18)] >= {("FOMC_NEAR", None, "low")}  # decision day counts 0
    assert expected[date(2025, 10, 10)] >= {("LIQUIDATION_CASCADE", None, "high")}
    # mid-November 2025: ETF flows stale since 2025-09-06 in the sample, so no ETF alert at all
    for day in (date(2025, 9, 7), date(2025, 11, 14), date(2025, 11, 15)):
        assert not any(c == "ETF_OUTFLOW_STREAK" for c, _, _ in expected[day])
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
    assert fired(date(2025, 11, 15), "ETF_OUTFLOW_STREAK") == set()
    assert fired(date(2025, 11, 15), "LIQUIDATION_CASCADE") == {None}
    regimes = Counter(expected_score(a, v)[1] for a in expected.values())
    assert len(regimes) >= 3, regimes


def test_stale_inputs_lists_every_shown_input_older_than_its_lag(marts) -> None:
    """The pulse documents: an input older than its allowed lag is listed in stale_inputs. For
    the per-asset inputs, an ETH figure shown in the pulse counts as much as the BTC one."""
    v = default_vars()
    inputs = Inputs(marts)
    pulse = {
        r["date"]: r
        for r in rows_as_dicts(
            marts,
            "select date, stale_inputs, eth_etf_net_flow_usd, eth_funding_rate_annualized "
            "from marts.fct_market_pulse_daily",
        )
    }
    mismatches = []
    for day, row in sorted(pulse.items()):
        listed = set(row["stale_inputs"].split(", ")) if row["stale_inputs"] else set()
        expected = set()
        if any(
            stale(day, inputs.prices[a].at(day)[0], v["pulse_max_lag_days_prices"]) for a in PAIR
        ):
            expected.add("prices")
        for name, series, lag in (
            ("etf_flows", inputs.etf, v["pulse_max_lag_days_etf_flows"]),
            ("derivatives", inputs.derivatives, v["pulse_max_lag_days_derivatives"]),
        ):
            btc_as_of = series["BTC"].at(day)[0]
            eth_as_of = series["ETH"].at(day)[0]
            # BTC missing or old; ETH only when an ETH figure is shown (none before its ETFs)
            if stale(day, btc_as_of, lag) or (eth_as_of is not None and stale(day, eth_as_of, lag)):
                expected.add(name)
        if stale(day, inputs.fear_greed.at(day)[0], v["pulse_max_lag_days_fear_greed"]):
            expected.add("fear_greed")
        if stale(day, inputs.ndx.at(day)[0], v["pulse_max_lag_days_ndx"]):
            expected.add("ndx")
        macro = inputs.macro[day]
        if macro["days_to_next_cpi"] is None and macro["days_to_next_fomc"] is None:
            expected.add("macro_calendar")
        if listed != expected:
            mismatches.append((day, sorted(listed), sorted(expected)))
    assert not mismatches, mismatches[:10]


# --------------------------------------------------------------------------------------------
# 3 and 4. BI publishing
# --------------------------------------------------------------------------------------------


def copy_data_dir(sample_run: Settings, target: Path) -> Settings:
    """The sample run's warehouse, BI copy and report in a fresh data dir (own Dagster home)."""
    target.mkdir(parents=True)
    shutil.copyfile(sample_run.duckdb_path, target / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copyfile(wal, target / "warehouse.duckdb.wal")
    shutil.copytree(sample_run.bi_dir, target / "bi")
    shutil.copytree(sample_run.reports_dir, target / "reports")
    return Settings("sample", target.resolve(), (target / "warehouse.duckdb").resolve())


READER = r"""
import json, sys, time
import duckdb

bi_path, out_path, stop_path, mode = sys.argv[1:5]
deadline = time.monotonic() + 120


def observe(conn):
    ((published_at, tables),) = conn.execute(
        "select cast(published_at as varchar), tables from publication"
    ).fetchall()
    listed = json.loads(tables)
    present = sorted(
        r[0] for r in conn.execute(
            "select table_name from information_schema.tables where table_schema = 'main'"
        ).fetchall()
    )
    counts = {t: conn.execute(f'select count(*) from "{t}"').fetchall()[0][0] for t in listed}
    return {"published_at": published_at, "listed": listed, "counts": counts, "present": present}


held = duckdb.connect(bi_path, read_only=True) if mode == "hold" else None
with open(out_path, "a") as out:
    while time.monotonic() < deadline:
        stop = __import__("os").path.exists(stop_path)
        try:
            if held is not None:
                record = observe(held)
            else:
                # a new reader each time: a fresh database instance on whatever file is there now
                conn = duckdb.connect(bi_path, read_only=True)
                try:
                    record = observe(conn)
                finally:
                    conn.close()
        except Exception as exc:
            record = {"error": f"{type(exc).__name__}: {exc}"}
        record["t"] = time.monotonic()
        out.write(json.dumps(record) + "\n")
        out.flush()
        if stop:
            break
        time.sleep(0.05)
"""


def read_observations(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.endswith("}")]


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(0.1)


def bi_publication(bi_path: Path) -> tuple[str, dict]:
    conn = duckdb.connect(str(bi_path), read_only=True)
    try:
        ((published_at, tables),) = conn.execute(
            "select cast(published_at as varchar), tables from publication"
        ).fetchall()
    finally:
        conn.close()
    return published_at, json.loads(tables)


def test_a_reader_holding_the_bi_copy_never_sees_a_partial_copy_while_the_pipeline_runs(
    sample_run: Settings, tmp_path: Path
) -> None:
    from orchestration import cli

    settings = copy_data_dir(sample_run, tmp_path / "data")
    bi_path = settings.bi_dir / "marts.duckdb"
    old_published_at, old_tables = bi_publication(bi_path)
    assert old_tables.get("fct_market_pulse_daily", 0) > 600
    stop = tmp_path / "stop"
    logs = {mode: tmp_path / f"reader_{mode}.jsonl" for mode in ("hold", "fresh")}
    readers = {
        mode: subprocess.Popen(
            [sys.executable, "-c", READER, str(bi_path), str(log), str(stop), mode],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for mode, log in logs.items()
    }
    try:
        wait_for(
            lambda: all(read_observations(p) for p in logs.values()), 60, "both readers to start"
        )
        with sample_environment(settings.data_dir) as env:
            cli.prepare_environment(env)
            results = cli.run_pipeline(env, date(2025, 11, 15), date(2025, 11, 15), quiet=True)
        failures = [
            f"{e.step_key}: {e.event_specific_data.error.message[:1500]}"
            for r in results
            for e in r.all_events
            if e.event_type_value == "STEP_FAILURE"
        ]
        assert results and all(r.success for r in results), failures
        new_published_at, new_tables = bi_publication(bi_path)
        assert new_published_at != old_published_at
        # a new reader gets the new copy (the fresh reader proves it reopened the file)
        wait_for(
            lambda: any(
                o.get("published_at") == new_published_at for o in read_observations(logs["fresh"])
            ),
            30,
            "the fresh reader to see the new copy",
        )
    finally:
        stop.touch()
        for process in readers.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    for mode, process in readers.items():
        assert process.returncode == 0, (mode, process.stderr.read()[-2000:])

    versions = {old_published_at: old_tables, new_published_at: new_tables}
    for mode, log in logs.items():
        observations = read_observations(log)
        errors = [o["error"] for o in observations if "error" in o]
        assert not errors, (mode, errors[:5])
        for o in observations:
            # a complete copy: the publication record (written last) matches every table in it
            assert o["published_at"] in versions, (mode, o["published_at"])
            assert o["listed"] == versions[o["published_at"]], mode
            assert o["counts"] == o["listed"], (mode, o["published_at"])
            assert o["present"] == sorted([*o["listed"], "publication"]), mode
        seen = [o["published_at"] for o in observations]
        if mode == "hold":
            # the held connection kept reading the copy it opened, all through the run
            assert set(seen) == {old_published_at}
            assert observations[-1]["t"] - observations[0]["t"] > 5 and len(observations) > 20
        else:
            # old copy, then the new one, never back
            assert seen[0] == old_published_at and seen[-1] == new_published_at
            assert seen == sorted(seen, key=lambda p: p == new_published_at)
            assert len(observations) > 20


def file_digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_failing_blocking_check_keeps_the_previous_bi_copy(
    sample_run: Settings, tmp_path: Path
) -> None:
    import dagster as dg

    from orchestration.definitions import defs

    settings = copy_data_dir(sample_run, tmp_path / "data")
    # a second reading for 2025-08-29: stg_alternative_me__fear_greeds' unique(date) test fails
    conn = duckdb.connect(str(settings.duckdb_path))
    try:
        conn.execute(
            "insert into raw_alternative_me.fear_greed "
            "select * replace (value + 1 as value) from raw_alternative_me.fear_greed "
            "where date = ?",
            [PULSE_DAY],
        )
        assert conn.execute(
            "select count(*) from raw_alternative_me.fear_greed where date = ?", [PULSE_DAY]
        ).fetchall() == [(2,)]
    finally:
        conn.close()
    before = {"bi": file_digests(settings.bi_dir), "reports": file_digests(settings.reports_dir)}
    assert "marts.duckdb" in before["bi"] and "risk_brief.html" in before["reports"]

    with sample_environment(settings.data_dir):
        result = defs.resolve_job_def("transform").execute_in_process(
            instance=dg.DagsterInstance.ephemeral(), raise_on_error=False
        )
    assert not result.success
    failed_checks = {e.check_name for e in result.get_asset_check_evaluations() if not e.passed}
    assert failed_checks == {"unique_stg_alternative_me__fear_greeds_date"}
    materialized = {e.asset_key for e in result.get_asset_materialization_events()}
    assert dg.AssetKey(["bi", "marts_copy"]) not in materialized
    assert dg.AssetKey(["bi", "risk_brief"]) not in materialized
    # dbt did run on the copy (the staging view was rebuilt) before the test stopped it
    assert dg.AssetKey(["staging", "stg_alternative_me__fear_greeds"]) in materialized
    after = {"bi": file_digests(settings.bi_dir), "reports": file_digests(settings.reports_dir)}
    assert after == before
