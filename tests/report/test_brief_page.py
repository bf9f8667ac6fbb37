"""The brief renders plain rows (no DuckDB) and escapes every value it prints exactly once."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from brief.headline import headline
from brief.page import build_brief, render, write_brief

DAY = date(2025, 11, 15)


def _days(n: int) -> list[date]:
    return [DAY - timedelta(days=i) for i in range(n)][::-1]


def brief_rows(text: str) -> dict:
    """Rows shaped like ``warehouse.brief_queries.brief_rows``, with ``text`` in every free-text
    field the page prints."""
    pulse = {
        "risk_regime": "stressed",
        "risk_score": 45,
        "active_alerts": 1,
        "stale_inputs": text,
        "btc_close": 95_596.0,
        "btc_drawdown_from_ath": -0.242,
        "fear_greed_value": 10,
        "fear_greed_classification": text,
        "next_macro_event_type": text,
        "next_macro_event_date": DAY + timedelta(days=3),
        "btc_distance_to_sma_50w": -0.072,
        "btc_rsi_14": 32.5,
        "eth_close": 3_168.0,
        "eth_distance_to_sma_50w": 0.006,
        "eth_drawdown_from_ath": -0.361,
        "eth_rsi_14": 34.4,
        "btc_etf_net_flow_usd": -8.7e8,
        "btc_etf_flow_5d_usd": -1.1e9,
        "btc_etf_outflow_streak_days": 3,
        "btc_etf_inflow_streak_days": 0,
        "etf_flows_as_of": DAY,
        "liquidations_total_usd": 7e8,
        "liquidations_long_share": 0.84,
        "btc_oi_change_1d": -0.027,
        "btc_funding_rate_annualized": 0.05,
        "btc_basis_annualized_front_quarter": 0.06,
        "btc_atm_iv_7d": 0.45,
        "btc_atm_iv_30d": 0.48,
        "btc_is_iv_backwardated": False,
        "btc_ndx_corr_30d": 0.75,
        "btc_ndx_corr_90d": 0.6,
        "days_to_next_cpi": 3,
        "days_to_next_fomc": 24,
        "eth_etf_flows_as_of": DAY,
        "btc_etf_largest_outflow_ticker": text,
        "btc_etf_largest_outflow_usd": -4.2e8,
        "eth_etf_largest_outflow_ticker": None,
        "eth_etf_largest_outflow_usd": None,
        "etf_combined_net_flow_usd": -9.1e8,
        "etf_combined_flow_5d_usd": -1.4e9,
        "etf_combined_assets": "BTC,ETH,SOL",
        "etf_combined_flows_as_of": DAY,
        "btc_nearest_level_above": 98_400.0,
        "btc_distance_to_level_above": 95_596.0 / 98_400 - 1,
        "btc_nearest_level_below": 72_000.0,
        "btc_distance_to_level_below": 95_596.0 / 72_000 - 1,
        "eth_nearest_level_above": None,
        "eth_distance_to_level_above": None,
        "eth_nearest_level_below": 3_100.0,
        "eth_distance_to_level_below": 3_168.0 / 3_100 - 1,
        "total_market_cap_usd": 3.17e12,
        "total_market_cap_change_7d_usd": -2.3e11,
        "total_market_cap_change_30d_usd": -4.5e11,
        "total_market_cap_ath_usd": 4.21e12,
        "total_market_cap_ath_date": date(2025, 10, 6),
        "total_market_cap_change_since_ath_usd": -1.04e12,
        "total_market_cap_drawdown_from_ath": 3.17 / 4.21 - 1,
        "eth_btc_ratio": 0.0331,
        "eth_btc_change_1d": 0.007,
    }
    records = [
        {
            "metric": "btc_ndx_corr_30d",
            "date": DAY - timedelta(days=1),
            "value": 0.75,
            "highest_since": date(2025, 6, 12),
            "lowest_since": DAY - timedelta(days=2),
            "first_date": date(2024, 2, 14),
        },
        {
            "metric": "btc_etf_outflow_streak_days",
            "date": DAY,
            "value": 5.0,
            "highest_since": date(2025, 8, 1),
            "lowest_since": DAY - timedelta(days=1),
            "first_date": date(2024, 1, 11),
        },
    ]
    weekly = [
        {
            "asset": "BTC",
            "week_start": date(2025, 11, 3),
            "week_end": date(2025, 11, 9),
            "close": 104_723.0,
            "return_1w": -0.053,
        }
    ]
    levels = [
        {"asset": "BTC", "level": 107_000.0, "kind": "weekly_close", "label": text},
        {"asset": "BTC", "level": 98_400.0, "kind": "daily_close", "label": "June low"},
    ]
    alert = {
        "severity": "high",
        "alert_code": "ndx_correlation_high",
        "asset": text,
        "metric_value": 0.81,
        "threshold": 0.7,
        "message": f"BTC moves with the {text} <b>",
    }
    event = {
        "event_type": "cpi",
        "scheduled_date": DAY + timedelta(days=3),
        "scheduled_at_utc": datetime(2025, 11, 18, 13, 30),
        "original_scheduled_date": DAY + timedelta(days=3),
        "status": "scheduled",
        "reference_period": text,
        "has_projections": False,
    }
    prices = [
        {"asset": a, "date": d, "close": 100.0 + i, "sma_50w": 90.0, "drawdown_from_ath": -0.1}
        for a in ("BTC", "ETH")
        for i, d in enumerate(_days(30))
    ]
    derivatives = [
        {
            "asset": a,
            "date": d,
            "funding_rate_annualized": 0.05,
            "basis_annualized_front_quarter": 0.07,
            "open_interest_usd": 3e10,
            "atm_iv_7d": 0.5,
            "atm_iv_30d": 0.45,
            "dvol": 48.0,
        }
        for a in ("BTC", "ETH")
        for d in _days(30)
    ]
    return {
        "day": DAY,
        "pulse": pulse,
        "alerts": [alert],
        "events": [event],
        "prices": prices,
        "etf_flows": [
            {"date": d, "net_flow_usd": (-1) ** i * 2e8, "outflow_streak_days": i % 4}
            for i, d in enumerate(_days(20))
        ],
        "derivatives": derivatives,
        "liquidations": [
            {"date": d, "liquidations_long_usd": 3e8, "liquidations_short_usd": 1e8}
            for d in _days(20)
        ],
        "market": [
            {"date": d, "fear_greed_value": 20, "btc_ndx_corr_30d": 0.5, "btc_ndx_corr_90d": 0.4}
            for d in _days(30)
        ],
        "records": records,
        "weekly": weekly,
        "levels": levels,
    }


@pytest.fixture(scope="module")
def page() -> str:
    return render(build_brief(brief_rows("S&P 500")))


def test_text_with_an_ampersand_is_escaped_exactly_once(page: str) -> None:
    assert "S&amp;P 500" in page
    assert "&amp;amp;" not in page
    # every occurrence of the text is escaped: in the pulse cards, alerts and events alike
    assert page.count("S&amp;P 500") >= 5
    assert "S&P 500" not in page


def test_the_desk_notes_say_the_figures_in_words(page: str) -> None:
    notes = page[page.index('<ul id="notes">') : page.index("</ul>")]
    for sentence in (
        "30-day BTC–Nasdaq-100 correlation 0.75 (as of 2025-11-14), highest since 2025-06-12.",
        "BTC spot-ETF outflow streak 5 trading days, longest since 2025-08-01.",
        "Spot ETFs combined (BTC+ETH+SOL): -$910.0m on 2025-11-15, -$1.40bn over 5 trading days.",
        "BTC $95,596: 2.8% below the 98,400 level (June low), 32.8% above the 72,000 level.",
        "BTC weekly close $104,723 (week to 2025-11-09, -5.3% on the week), below the 107,000 "
        "weekly-close level.",
        "Total crypto market cap $3.17tn, -$230.00bn over 7 days, -$450.00bn over 30 days, down "
        "$1.04tn (-24.7%) since its high of 2025-10-06.",
        "ETH/BTC 0.0331, +0.7% on the day.",
    ):
        assert f"<li>{sentence}</li>" in notes, sentence


def test_markup_in_a_value_is_shown_as_text_not_interpreted(page: str) -> None:
    assert "S&amp;P 500 &lt;b&gt;" in page
    assert "<b>" not in page


def test_the_template_literals_and_chart_titles_are_escaped_once(page: str) -> None:
    assert '<div class="k">Fear &amp; Greed</div>' in page
    assert "Crypto Fear &amp; Greed (0 = extreme fear)" in page


def test_the_charts_are_inline_svg_with_data(page: str) -> None:
    figures = dict(re.findall(r'<figure id="chart-([a-z0-9_]+)" data-points="(\d+)"', page))
    assert len(figures) == 9
    assert all(int(points) > 0 for points in figures.values())
    assert page.count("<svg") >= 9
    assert "<script" not in page


def test_write_brief_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "risk_brief.html"
    out.parent.mkdir()
    out.write_text("old")
    brief = write_brief(brief_rows("S&P 500"), out)
    assert brief.day == DAY and len(brief.charts) == 9
    assert "S&amp;P 500" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == ["risk_brief.html"]


def test_headline_lines_are_plain_text() -> None:
    rows = {
        "prices": [
            {
                "asset": "BTC",
                "date": DAY,
                "close": 95_596.0,
                "drawdown_from_ath": -0.242,
                "distance_to_sma_50w": -0.072,
                "rsi_14": 32.5,
            }
        ],
        "market": [
            {
                "date": DAY,
                "fear_greed_value": 10,
                "fear_greed_classification": "Fear & Loathing",
                "btc_ndx_corr_30d": 0.75,
                "btc_dominance": 0.601,
            }
        ],
        "pulse": [
            {
                "date": DAY,
                "risk_regime": "extreme",
                "risk_score": 100,
                "active_alerts": 8,
                "stale_inputs": "prices:ETH, etf_flows:BTC",
            }
        ],
    }
    assert headline(rows) == [
        "BTC 2025-11-15: close $95,596, drawdown from ATH -24.2%, vs 50-week SMA -7.2%, "
        "RSI(14) 32.5",
        "market 2025-11-15: Fear & Greed 10 (Fear & Loathing), BTC-NDX corr 30d 0.75, "
        "BTC dominance 60.1%",
        "pulse 2025-11-15: extreme (risk score 100), 8 alerts, "
        "stale inputs: prices:ETH, etf_flows:BTC",
    ]


def test_a_pulse_column_the_page_needs_but_the_mart_lacks_fails_loudly(tmp_path) -> None:
    import jinja2

    rows = brief_rows("S&P 500")
    del rows["pulse"]["btc_oi_change_1d"]
    with pytest.raises(jinja2.UndefinedError, match="btc_oi_change_1d"):
        write_brief(rows, tmp_path / "brief.html")
