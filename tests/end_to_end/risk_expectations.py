"""The pulse inputs and the documented alert rules recomputed in plain Python from the marts the
pulse is built from (the SQL is not reused), for the pulse and alert tests: the rules are the ones
documented in models/marts/risk/_risk__models.yml, with the thresholds read from
dbt_project.yml."""

from __future__ import annotations

import math
from bisect import bisect_right
from datetime import date

import duckdb
import yaml
from level_expectations import level_crossings

from warehouse.settings import PROJECT_DIR

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
        self.level_crossings = level_crossings(marts)
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

    # a daily or completed weekly close crossing a level of the seed (level_expectations.py)
    for crossed_day, asset, code in inputs.level_crossings:
        if crossed_day == day:
            alerts.add((code, asset, inputs.level_crossings[(day, asset, code)]["severity"]))

    macro = inputs.macro[day]
    if macro["days_to_next_cpi"] is not None and macro["days_to_next_cpi"] <= v["alert_macro_days"]:
        alerts.add(("CPI_NEAR", None, "low"))
    if (
        macro["days_to_next_fomc"] is not None
        and macro["days_to_next_fomc"] <= v["alert_macro_days"]
    ):
        alerts.add(("FOMC_NEAR", None, "low"))
    return alerts


def alert_points(alerts: set[tuple[str, str | None, str]], v: dict) -> int:
    return sum(v[f"risk_weight_{severity}"] for _, _, severity in alerts)


def expected_scores(
    expected: dict[date, set[tuple[str, str | None, str]]], v: dict
) -> dict[date, tuple[int, str]]:
    """The documented score: the expanding percentile of the day's alert points among the
    earlier days only (100 × share of earlier days with fewer points, 0 on the first day), and
    the regime from it (extreme also needs risk_regime_extreme_min_points)."""
    scores: dict[date, tuple[int, str]] = {}
    earlier: list[int] = []
    for day in sorted(expected):
        points = alert_points(expected[day], v)
        below = sum(p < points for p in earlier)
        score = math.floor(100 * below / len(earlier)) if earlier else 0
        if score >= v["risk_regime_extreme_from"] and points >= v["risk_regime_extreme_min_points"]:
            regime = "extreme"
        elif score >= v["risk_regime_stressed_from"]:
            regime = "stressed"
        elif score >= v["risk_regime_elevated_from"]:
            regime = "elevated"
        else:
            regime = "calm"
        scores[day] = (score, regime)
        earlier.append(points)
    return scores


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
    expected = {day: expected_alerts(inputs, day, v) for day in sorted(pulse)}
    scores = expected_scores(expected, v)
    mismatches = []
    for day in sorted(pulse):
        exp = expected[day]
        got = actual.get(day, set())
        if got != exp:
            mismatches.append(
                (day, "alerts", sorted(got - exp, key=str), sorted(exp - got, key=str))
            )
        row = pulse[day]
        score, regime = scores[day]
        codes = ", ".join(sorted(c if a is None else f"{c}:{a}" for c, a, _ in exp)) or None
        summary = (
            row["risk_score"],
            row["risk_regime"],
            row["alert_points"],
            row["active_alerts"],
            row["high_alerts"],
            row["alert_codes"],
        )
        wanted = (
            score,
            regime,
            alert_points(exp, v),
            len(exp),
            sum(s == "high" for _, _, s in exp),
            codes,
        )
        if summary != wanted:
            mismatches.append((day, "pulse", summary, wanted))
    return expected, mismatches
