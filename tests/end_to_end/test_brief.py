"""The daily risk brief renders in headless Chromium, offline, with data in every chart."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from risk_expectations import rows_as_dicts

pytestmark = pytest.mark.end_to_end

ARTIFACTS = Path(__file__).parents[1] / "artifacts"
EXPECTED_CHARTS = {
    "btc_sma50w",
    "drawdown",
    "etf_flows",
    "funding_basis",
    "liquidations",
    "open_interest",
    "iv_term",
    "fear_greed",
    "btc_ndx_corr",
}
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail(
            "Chromium is needed for the brief check: `make test` installs it (apt package chromium)"
        )
    return path


@pytest.fixture(scope="module")
def brief(sample_run) -> Path:
    path = sample_run.reports_dir / "risk_brief.html"
    assert path.exists(), "the sample run did not write the risk brief"
    return path


def test_the_brief_is_self_contained(brief: Path) -> None:
    html = brief.read_text()
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "the brief must open offline"
    assert "<svg" in html


def test_the_brief_renders_in_chromium_with_every_chart_populated(
    brief: Path, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / "risk_brief.png"
    base = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    shot = subprocess.run(
        [*base, "--window-size=1500,2600", f"--screenshot={screenshot}", brief.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.exists() and screenshot.stat().st_size > 50_000
    dom = subprocess.run(
        [*base, "--dump-dom", brief.as_uri()], capture_output=True, text=True, timeout=120
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    figures = dict(re.findall(r'<figure id="chart-([a-z0-9_]+)" data-points="(\d+)"', dom.stdout))
    assert set(figures) == EXPECTED_CHARTS
    assert {k: v for k, v in figures.items() if int(v) == 0} == {}
    # every chart has drawn paths, and the pulse cards and alerts table made it into the DOM
    assert dom.stdout.count("<svg") >= len(EXPECTED_CHARTS)
    assert (
        'id="pulse"' in dom.stdout and 'id="alerts"' in dom.stdout and 'id="events"' in dom.stdout
    )
    # the desk notes: records, levels, weekly closes and aggregates in words
    notes = dom.stdout[dom.stdout.index('<ul id="notes">') :]
    notes = notes[: notes.index("</ul>")]
    assert notes.count("<li>") >= 10 and "since" in notes and "level" in notes


def test_the_brief_escapes_text_exactly_once(brief: Path) -> None:
    html = brief.read_text()
    assert "Fear &amp; Greed" in html
    assert "&amp;amp;" not in html


def test_crw_run_headline_reads_the_latest_marts(marts) -> None:
    from brief.headline import headline
    from warehouse.brief_queries import headline_rows

    lines = headline(headline_rows(marts))
    assert [line.split(" ")[0] for line in lines] == ["BTC", "ETH", "market", "pulse"]
    assert re.match(r"BTC \d{4}-\d\d-\d\d: close \$[\d,]+, drawdown from ATH [-+]", lines[0])
    assert "Fear & Greed" in lines[2] and "&amp;" not in lines[2]
    assert re.match(r"pulse \S+: (calm|elevated|stressed|extreme) \(risk score \d+\)", lines[3])


def test_the_brief_shows_the_latest_pulse_day_and_its_alerts(brief: Path, marts) -> None:
    day, regime, alerts = marts.execute(
        "select date, risk_regime, active_alerts from marts.fct_market_pulse_daily "
        "order by date desc limit 1"
    ).fetchall()[0]
    html = brief.read_text()
    assert f"Crypto risk brief — {day}" in html
    assert f'class="regime {regime}"' in html
    codes = [
        c
        for (c,) in marts.execute(
            "select alert_code from marts.fct_risk_alerts where date = ?", [day]
        ).fetchall()
    ]
    assert len(codes) == alerts
    for code in codes:
        assert code in html


def test_the_brief_says_records_levels_and_flows_in_words_on_2025_11_04(sample_run, marts) -> None:
    """The desk notes of a past morning, each figure read from the marts it comes from."""
    from brief.formatting import fmt
    from brief.page import build_brief, render
    from warehouse.brief_queries import read_brief_rows

    day = date(2025, 11, 4)
    html = render(build_brief(read_brief_rows(sample_run.bi_dir / "marts.duckdb", day)))
    notes = html[html.index('<ul id="notes">') :]
    notes = notes[: notes.index("</ul>")]
    (pulse,) = rows_as_dicts(
        marts, "select * from marts.fct_market_pulse_daily where date = ?", [day]
    )

    def record(metric: str, as_of: date) -> dict:
        (row,) = rows_as_dicts(
            marts,
            "select * from marts.fct_pulse_records_daily where metric = ? and date = ?",
            [metric, as_of],
        )
        return row

    corr = record("btc_ndx_corr_30d", pulse["ndx_as_of"])
    assert corr["highest_since"] <= date(2025, 6, 30) < corr["lowest_since"]
    assert f"30-day BTC–Nasdaq-100 correlation {corr['value']:.2f}" in notes
    assert f"highest since {corr['highest_since']}." in notes

    streak = record("btc_etf_outflow_streak_days", pulse["etf_flows_as_of"])
    net = pulse["btc_etf_net_flow_usd"]
    assert f"BTC spot-ETF net flow {'+' if net > 0 else ''}{fmt(net, 'usd')}" in notes
    if streak["value"] >= 2:
        assert f"BTC spot-ETF outflow streak {streak['value']:.0f} trading days" in notes

    above, below = pulse["btc_nearest_level_above"], pulse["btc_nearest_level_below"]
    assert (
        f"BTC {fmt(pulse['btc_close'], 'price')}: "
        f"{-pulse['btc_distance_to_level_above']:.1%} below the {above:,.0f} level"
    ) in notes
    assert f"{pulse['btc_distance_to_level_below']:.1%} above the {below:,.0f} level" in notes

    (week_end, weekly_close) = marts.execute(
        "select week_end, close from marts.fct_prices_weekly where asset = 'BTC' "
        "and week_end <= ? order by week_end desc limit 1",
        [day],
    ).fetchone()
    assert f"BTC weekly close {fmt(weekly_close, 'price')} (week to {week_end}" in notes
    side = "above" if weekly_close >= 107_000 else "below"
    assert f"{side} the 107,000 weekly-close level" in notes

    assert f"since its high of {pulse['total_market_cap_ath_date']}" in notes
    assert f"Spot ETFs combined ({pulse['etf_combined_assets'].replace(',', '+')})" in notes
