"""fct_alert_evaluation equals an independent pandas computation from the daily closes, the
alerts and the regimes; and the calibrated score does what its documentation says on the
sample: `extreme` is rare and stressed/extreme days are followed by more volatility than calm
ones (both computed from the marts, so they keep holding as alerts and data are added)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

pytestmark = pytest.mark.end_to_end

HORIZONS = (1, 7, 30)


def forward_outcomes(closes: pd.Series) -> pd.DataFrame:
    """Per day t and horizon h: return, annualized realized vol and max drawdown over t+1..t+h,
    only where every one of those days has a close."""
    closes = closes.sort_index()
    rows = []
    for t, origin in closes.items():
        for h in HORIZONS:
            days = [t + pd.Timedelta(days=k) for k in range(1, h + 1)]
            if not all(d in closes.index for d in days):
                continue
            path = closes.loc[[t, *days]].to_numpy()
            log_returns = np.diff(np.log(path))
            peaks = np.maximum.accumulate(path)
            rows.append(
                {
                    "date": t,
                    "horizon_days": h,
                    "forward_return": path[-1] / origin - 1,
                    "forward_realized_vol": (
                        np.std(log_returns, ddof=1) * math.sqrt(365) if h > 1 else np.nan
                    ),
                    "forward_max_drawdown": (path[1:] / peaks[1:] - 1).min(),
                }
            )
    return pd.DataFrame(rows)


def expected_evaluation(marts) -> pd.DataFrame:
    prices = marts.execute(
        "select asset, date, close from marts.fct_prices_daily where asset in ('BTC', 'ETH')"
    ).df()
    prices["date"] = pd.to_datetime(prices["date"])
    outcomes = pd.concat(
        forward_outcomes(group.set_index("date")["close"]).assign(asset=asset)
        for asset, group in prices.groupby("asset")
    )
    alerts = marts.execute("select distinct date, alert_code from marts.fct_risk_alerts").df()
    pulse = marts.execute("select date, risk_regime from marts.fct_market_pulse_daily").df()
    conditions = pd.concat(
        [
            alerts.rename(columns={"alert_code": "condition"}).assign(condition_kind="alert"),
            pulse.rename(columns={"risk_regime": "condition"}).assign(condition_kind="regime"),
            pulse[["date"]].assign(condition="all_days", condition_kind="all_days"),
        ]
    )
    conditions["date"] = pd.to_datetime(conditions["date"])
    fired = conditions.groupby(["condition_kind", "condition"]).size().rename("days_fired")
    joined = conditions.merge(outcomes, on="date")
    means = (
        joined.groupby(["condition_kind", "condition", "asset", "horizon_days"])
        .agg(
            days_with_outcome=("forward_return", "count"),
            mean_forward_return=("forward_return", "mean"),
            mean_forward_realized_vol=("forward_realized_vol", "mean"),
            mean_forward_max_drawdown=("forward_max_drawdown", "mean"),
        )
        .reset_index()
        .merge(fired.reset_index(), on=["condition_kind", "condition"])
    )
    baseline = means[means["condition_kind"] == "all_days"][
        ["asset", "horizon_days", "mean_forward_return", "mean_forward_realized_vol"]
    ].rename(columns=lambda c: c.replace("mean_", "baseline_"))
    means = means.merge(baseline, on=["asset", "horizon_days"])
    means["share_of_days"] = means["days_fired"] / len(pulse)
    return means


def test_alert_evaluation_equals_an_independent_pandas_computation(marts) -> None:
    expected = expected_evaluation(marts).set_index(
        ["condition_kind", "condition", "asset", "horizon_days"]
    )
    actual = (
        marts.execute("select * from marts.fct_alert_evaluation")
        .df()
        .set_index(["condition_kind", "condition", "asset", "horizon_days"])
    )
    assert sorted(actual.index) == sorted(expected.index)
    assert len(actual) > 50
    actual = actual.loc[expected.index]
    for column in (
        "days_fired",
        "days_with_outcome",
        "share_of_days",
        "mean_forward_return",
        "mean_forward_realized_vol",
        "mean_forward_max_drawdown",
        "baseline_forward_return",
        "baseline_forward_realized_vol",
    ):
        np.testing.assert_allclose(
            actual[column].astype(float), expected[column].astype(float), rtol=1e-9, err_msg=column
        )
    excess = actual["mean_forward_realized_vol"] - actual["baseline_forward_realized_vol"]
    np.testing.assert_allclose(actual["excess_forward_realized_vol"].astype(float), excess)
    # every alert rule that fired is evaluated, against the same baseline
    codes = {c for (kind, c, _, _) in actual.index if kind == "alert"}
    fired = {
        c
        for (c,) in marts.execute(
            "select distinct alert_code from marts.fct_risk_alerts"
        ).fetchall()
    }
    assert codes == fired


def test_extreme_is_rare_and_stressed_or_extreme_days_precede_more_volatility(marts) -> None:
    pulse = marts.execute("select date, risk_regime from marts.fct_market_pulse_daily").df()
    share_extreme = (pulse["risk_regime"] == "extreme").mean()
    assert 0 < share_extreme < 0.05, share_extreme

    pulse["date"] = pd.to_datetime(pulse["date"])
    for asset in ("BTC", "ETH"):
        closes = marts.execute(
            "select date, close from marts.fct_prices_daily where asset = ?", [asset]
        ).df()
        closes["date"] = pd.to_datetime(closes["date"])
        outcomes = forward_outcomes(closes.set_index("date")["close"])
        week = outcomes[outcomes["horizon_days"] == 7].merge(pulse, on="date")
        hot = week[week["risk_regime"].isin(["stressed", "extreme"])]["forward_realized_vol"]
        calm = week[week["risk_regime"] == "calm"]["forward_realized_vol"]
        assert len(hot) > 20 and len(calm) > 20
        assert hot.mean() > calm.mean(), (asset, hot.mean(), calm.mean())
