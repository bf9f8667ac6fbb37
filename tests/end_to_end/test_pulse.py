"""fct_market_pulse_daily on the sample: the 2025-08-29 row (the last day with every real
source) shows that day's figures of the underlying marts, and stale_inputs lists every input
older than its allowed lag."""

from __future__ import annotations

from datetime import date

import pytest
from risk_expectations import PAIR, PULSE_DAY, Inputs, close, default_vars, rows_as_dicts, stale

pytestmark = pytest.mark.end_to_end


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


def test_stale_inputs_lists_every_shown_input_older_than_its_lag(marts) -> None:
    """The pulse documents: an input older than its allowed lag is listed in stale_inputs. For
    the per-asset inputs, an ETH figure shown in the pulse counts as much as the BTC one, and
    the entry names the coin (``prices:ETH``)."""
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
        for a in PAIR:
            if stale(day, inputs.prices[a].at(day)[0], v["pulse_max_lag_days_prices"]):
                expected.add(f"prices:{a}")
        for name, series, lag in (
            ("etf_flows", inputs.etf, v["pulse_max_lag_days_etf_flows"]),
            ("derivatives", inputs.derivatives, v["pulse_max_lag_days_derivatives"]),
        ):
            btc_as_of = series["BTC"].at(day)[0]
            eth_as_of = series["ETH"].at(day)[0]
            # BTC missing or old; ETH only when an ETH figure is shown (none before its ETFs)
            if stale(day, btc_as_of, lag):
                expected.add(f"{name}:BTC")
            if eth_as_of is not None and stale(day, eth_as_of, lag):
                expected.add(f"{name}:ETH")
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


def test_pulse_v1_is_v2_under_the_old_oi_change_names(marts) -> None:
    """The deprecated fct_market_pulse_daily_v1 has v2's rows, with the 1-day OI changes under
    their old names (and none of the columns v2 gained after it)."""
    v1_columns = [
        name
        for (name,) in marts.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' "
            "and table_name = 'fct_market_pulse_daily_v1' order by ordinal_position"
        ).fetchall()
    ]
    renamed = {
        "btc_oi_change_pct_1d": "btc_oi_change_1d",
        "eth_oi_change_pct_1d": "eth_oi_change_1d",
    }
    assert set(renamed) <= set(v1_columns)
    # stale_inputs keeps v1's wording (inputs, not coins): compared on its own below
    v1_columns.remove("stale_inputs")
    as_v1 = ", ".join(f"{renamed[c]} as {c}" if c in renamed else c for c in v1_columns)
    difference = marts.execute(
        f"""
        select count(*) from (
            (select {as_v1} from marts.fct_market_pulse_daily
             except all
             select {", ".join(v1_columns)} from marts.fct_market_pulse_daily_v1)
            union all
            (select {", ".join(v1_columns)} from marts.fct_market_pulse_daily_v1
             except all
             select {as_v1} from marts.fct_market_pulse_daily)
        )
        """
    ).fetchall()
    assert difference == [(0,)]
    pairs = marts.execute(
        "select v2.stale_inputs, v1.stale_inputs from marts.fct_market_pulse_daily v2 "
        "join marts.fct_market_pulse_daily_v1 v1 using (date)"
    ).fetchall()
    assert any(v2 and ":" in v2 for v2, _ in pairs)
    for v2, v1 in pairs:
        inputs = [item.split(":")[0] for item in (v2 or "").split(", ") if item]
        assert v1 == (", ".join(dict.fromkeys(inputs)) or None), (v2, v1)
