"""The desk's language in the marts on the sample, each checked against an independent
recomputation: weekly closes (a pandas resample), level crossings and distances (the seed CSV
read directly), records ("highest since", by a backward scan over each metric's own days) and
the aggregates (combined ETF flows, largest sellers, total market cap, ETH/BTC)."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from level_expectations import level_crossings, price_levels, weekly_closes
from risk_expectations import AsOf, close, rows_as_dicts

pytestmark = pytest.mark.end_to_end

WEEKLY_COLUMNS = ("open", "high", "low", "close", "return_1w", "days_with_prices")


def nan_to_none(value):
    return None if isinstance(value, float) and math.isnan(value) else value


def test_weekly_closes_equal_a_pandas_resample_for_every_asset_week(marts) -> None:
    expected = {
        (r["asset"], r["week_start"]): r for r in weekly_closes(marts).to_dict(orient="records")
    }
    actual = {
        (r["asset"], r["week_start"]): r
        for r in rows_as_dicts(marts, "select * from marts.fct_prices_weekly")
    }
    assert set(actual) == set(expected)
    assert {a for a, _ in actual} == {"BTC", "ETH", "SOL", "XRP", "ADA"}
    wrong = [
        (key, column, actual[key][column], nan_to_none(expected[key][column]))
        for key in expected
        for column in WEEKLY_COLUMNS
        if not close(actual[key][column], nan_to_none(expected[key][column]))
    ]
    assert not wrong, wrong[:10]
    for (_, week_start), row in actual.items():
        assert week_start.weekday() == 0 and row["week_end"] == week_start + timedelta(days=6)


def test_the_current_incomplete_week_is_left_out(marts) -> None:
    last = dict(
        marts.execute(
            "select asset, max(date) from marts.fct_prices_daily group by asset"
        ).fetchall()
    )
    weeks = dict(
        marts.execute(
            "select asset, max(week_end) from marts.fct_prices_weekly group by asset"
        ).fetchall()
    )
    for asset, last_day in last.items():
        # the last Sunday on or before the last daily close ends the last week shown
        assert weeks[asset] == last_day - timedelta(days=(last_day.weekday() + 1) % 7), asset
    # the sample ends on a Saturday: its week is not complete
    assert last["BTC"].weekday() != 6 and weeks["BTC"] < last["BTC"]


def test_level_crossing_alerts_equal_an_independent_recomputation(marts) -> None:
    expected = level_crossings(marts)
    actual = {
        (r["date"], r["asset"], r["alert_code"]): r
        for r in rows_as_dicts(
            marts,
            "select * from marts.fct_risk_alerts "
            "where alert_code in ('DAILY_CLOSE_LEVEL_CROSS', 'WEEKLY_CLOSE_LEVEL_CROSS')",
        )
    }
    assert set(actual) == set(expected)
    # both kinds fire on the sample, and a day crossing two levels is one alert
    assert {code for _, _, code in expected} == {
        "DAILY_CLOSE_LEVEL_CROSS",
        "WEEKLY_CLOSE_LEVEL_CROSS",
    }
    for key, crossing in expected.items():
        row = actual[key]
        nearest = min(crossing["levels"], key=lambda level: abs(crossing["close"] - level))
        assert row["severity"] == crossing["severity"], key
        assert close(row["metric_value"], crossing["close"]), key
        assert close(row["threshold"], nearest), key
        direction = "above" if crossing["close"] >= nearest else "below"
        assert f"crossed {direction}" in row["message"], (key, row["message"])
        for level in crossing["levels"]:
            assert f"{level:,.0f}" in row["message"], (key, row["message"])


def test_the_pulse_gives_the_distance_to_the_nearest_levels_every_day(marts) -> None:
    levels = price_levels()
    pulse = rows_as_dicts(marts, "select * from marts.fct_market_pulse_daily")
    for row in pulse:
        for asset in ("BTC", "ETH"):
            p = asset.lower()
            price = row[f"{p}_close"]
            mine = [lv["level"] for lv in levels if lv["asset"] == asset]
            above = min((lv for lv in mine if lv > price), default=None)
            below = max((lv for lv in mine if lv <= price), default=None)
            assert row[f"{p}_nearest_level_above"] == above, (row["date"], asset)
            assert row[f"{p}_nearest_level_below"] == below, (row["date"], asset)
            for side, level in (("above", above), ("below", below)):
                distance = None if level is None else price / level - 1
                assert close(row[f"{p}_distance_to_level_{side}"], distance), (row["date"], side)
    assert any(r["btc_nearest_level_above"] and r["btc_nearest_level_below"] for r in pulse)


def observations(marts) -> dict[str, list[tuple[date, float]]]:
    """Each pulse metric's own days and values, read from the marts the pulse is built from."""
    first, last = marts.execute(
        "select min(date), max(date) from marts.fct_market_pulse_daily"
    ).fetchone()
    series: dict[str, list[tuple[date, float]]] = {}

    def add(metric: str, day: date, value) -> None:
        if value is not None and first <= day <= last:
            series.setdefault(metric, []).append((day, float(value)))

    for r in rows_as_dicts(marts, "select * from marts.fct_market_daily"):
        if r["us_trading_date"] == r["date"]:
            add("btc_ndx_corr_30d", r["date"], r["btc_ndx_corr_30d"])
            add("btc_ndx_corr_90d", r["date"], r["btc_ndx_corr_90d"])
        add("fear_greed_value", r["date"], r["fear_greed_value"])
    for r in rows_as_dicts(
        marts, "select * from marts.fct_prices_daily where asset in ('BTC', 'ETH')"
    ):
        add(f"{r['asset'].lower()}_drawdown_from_ath", r["date"], r["drawdown_from_ath"])
    liquidations: dict[date, list[float]] = {}
    for r in rows_as_dicts(marts, "select * from marts.fct_derivatives_daily"):
        p = r["asset"].lower()
        add(f"{p}_funding_rate_annualized", r["date"], r["funding_rate_annualized"])
        add(f"{p}_basis_annualized_front_quarter", r["date"], r["basis_annualized_front_quarter"])
        if p == "btc":
            add("btc_open_interest_usd", r["date"], r["open_interest_usd"])
            add("btc_atm_iv_7d", r["date"], r["atm_iv_7d"])
            add("btc_atm_iv_30d", r["date"], r["atm_iv_30d"])
        known = [
            v for v in (r["liquidations_long_usd"], r["liquidations_short_usd"]) if v is not None
        ]
        if known:
            liquidations.setdefault(r["date"], []).extend(known)
    for day, values in liquidations.items():
        add("liquidations_total_usd", day, sum(values))
    flows = rows_as_dicts(marts, "select * from marts.fct_etf_flows_asset_daily")
    for r in flows:
        if r["asset"] in ("BTC", "ETH"):
            p = r["asset"].lower()
            add(f"{p}_etf_net_flow_usd", r["date"], r["net_flow_usd"])
            add(f"{p}_etf_outflow_streak_days", r["date"], r["outflow_streak_days"])
    for day, (total, _) in combined_flows(flows).items():
        add("etf_combined_net_flow_usd", day, total)
    return {metric: sorted(points) for metric, points in series.items()}


def combined_flows(flows: list[dict]) -> dict[date, tuple[float, str]]:
    """BTC+ETH(+SOL) per trading day, on days BTC and ETH both reported (BTC alone before the
    first ETH day)."""
    by_day: dict[date, dict[str, float]] = {}
    for r in flows:
        by_day.setdefault(r["date"], {})[r["asset"]] = float(r["net_flow_usd"])
    first_eth = min(d for d, assets in by_day.items() if "ETH" in assets)
    return {
        day: (sum(assets.values()), ",".join(sorted(assets)))
        for day, assets in sorted(by_day.items())
        if "BTC" in assets and ("ETH" in assets or day < first_eth)
    }


def test_records_equal_a_backward_scan_for_every_row(marts) -> None:
    expected = {}
    for metric, points in observations(marts).items():
        for i, (day, value) in enumerate(points):
            higher = next((d for d, v in reversed(points[:i]) if v >= value), None)
            lower = next((d for d, v in reversed(points[:i]) if v <= value), None)
            expected[(metric, day)] = (value, higher, lower, points[0][0])
    actual = {
        (r["metric"], r["date"]): (
            r["value"],
            r["highest_since"],
            r["lowest_since"],
            r["first_date"],
        )
        for r in rows_as_dicts(marts, "select * from marts.fct_pulse_records_daily")
    }
    assert set(actual) == set(expected)
    assert len({m for m, _ in actual}) == 18
    wrong = [
        (key, actual[key], expected[key])
        for key in expected
        if not close(actual[key][0], expected[key][0]) or actual[key][1:] != expected[key][1:]
    ]
    assert not wrong, wrong[:10]


def test_on_2025_11_04_the_correlation_is_the_highest_since_june_or_earlier(marts) -> None:
    (ndx_as_of,) = marts.execute(
        "select ndx_as_of from marts.fct_market_pulse_daily where date = '2025-11-04'"
    ).fetchone()
    (value, highest_since) = marts.execute(
        "select value, highest_since from marts.fct_pulse_records_daily "
        "where metric = 'btc_ndx_corr_30d' and date = ?",
        [ndx_as_of],
    ).fetchone()
    assert value > 0.7
    assert highest_since is not None and highest_since <= date(2025, 6, 30)


def test_the_pulse_aggregates_equal_their_recomputation_every_day(marts) -> None:
    flows = rows_as_dicts(marts, "select * from marts.fct_etf_flows_asset_daily")
    combined = combined_flows(flows)
    days = sorted(combined)
    five_day = {
        day: sum(combined[d][0] for d in days[i - 4 : i + 1]) if i >= 4 else None
        for i, day in enumerate(days)
    }
    combined_asof = AsOf([(d, d) for d in days])
    asset_flows = {
        a: AsOf([(r["date"], r) for r in flows if r["asset"] == a]) for a in ("BTC", "ETH")
    }
    market = {r["date"]: r for r in rows_as_dicts(marts, "select * from marts.fct_market_daily")}
    caps = {d: r["total_market_cap_usd"] for d, r in market.items() if r["total_market_cap_usd"]}
    pulse = rows_as_dicts(marts, "select * from marts.fct_market_pulse_daily order by date")
    assert pulse
    high, high_day = None, None
    for row in pulse:
        day = row["date"]
        as_of, _ = combined_asof.at(day)
        assert row["etf_combined_flows_as_of"] == as_of, day
        if as_of is not None:
            assert close(row["etf_combined_net_flow_usd"], combined[as_of][0]), day
            assert row["etf_combined_assets"] == combined[as_of][1], day
            assert close(row["etf_combined_flow_5d_usd"], five_day[as_of]), day
        for asset, p in (("BTC", "btc"), ("ETH", "eth")):
            _, flow = asset_flows[asset].at(day)
            ticker = flow and flow["largest_outflow_ticker"]
            amount = flow and flow["largest_outflow_usd"]
            assert row[f"{p}_etf_largest_outflow_ticker"] == ticker, (day, asset)
            assert close(row[f"{p}_etf_largest_outflow_usd"], amount), (day, asset)
        cap = caps.get(day)
        if cap is not None and (high is None or cap > high):
            high, high_day = cap, day
        assert close(row["total_market_cap_usd"], cap), day
        if cap is not None:
            for n in (7, 30):
                before = caps.get(day - timedelta(days=n))
                change = None if before is None else cap - before
                assert close(row[f"total_market_cap_change_{n}d_usd"], change), (day, n)
            assert close(row["total_market_cap_ath_usd"], high), day
            assert row["total_market_cap_ath_date"] == high_day, day
            assert close(row["total_market_cap_change_since_ath_usd"], cap - high), day
            assert close(row["total_market_cap_drawdown_from_ath"], cap / high - 1), day
        m = market.get(day, {})
        assert close(row["eth_btc_ratio"], m.get("eth_btc_ratio")), day
        assert close(row["eth_btc_change_1d"], m.get("eth_btc_change_1d")), day
    # the figures are there on the sample
    last = pulse[-1]
    assert last["total_market_cap_change_since_ath_usd"] < 0
    assert any(r["etf_combined_flow_5d_usd"] is not None for r in pulse)
