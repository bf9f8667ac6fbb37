"""ETF flow marts on the bundled sample match an independent computation (plain Python and
regular expressions over the bundled Farside pages, not the project's parser), BTC's daily
flows equal Farside's real totals (the bundled CSV copy) through 2025-11-14, and revisions
flow through raw, staging, the snapshot and the marts as they should."""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from orchestration.assets.farside import ETF_FLOWS
from orchestration.ingest import ingest_window
from warehouse.connection import connect
from warehouse.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.end_to_end

SAMPLE = Path(__file__).parents[2] / "ingestion" / "sample" / "farside"
PAGES = {"BTC": "btc_all_data.html.gz", "ETH": "eth_all_data.html.gz", "SOL": "sol_recent.html.gz"}
MILLION = Decimal(1_000_000)
_ROW = re.compile(r'^<tr><td><span class="tabletext">(\d\d \w{3} \d{4})</span></td>(.*)</tr>$')
_CELL = re.compile(r'<span class="tabletext">(?:<span class="redFont">)?([^<]*)')


def bundled_fund_flows(asset: str) -> dict[date, dict[str, Decimal | None]]:
    """{trading day: {ticker: US$ m or None}} from the bundled page; all-'-' rows left out."""
    lines = gzip.decompress((SAMPLE / PAGES[asset]).read_bytes()).decode().splitlines()
    ticker_row = next(
        line
        for line in lines
        if line.startswith("<tr><th") and "%" not in line and "Total" not in line
    )
    tickers = _CELL.findall(ticker_row)[1:-1]
    out = {}
    for line in lines:
        match = _ROW.match(line)
        if not match:
            continue
        cells = _CELL.findall(match.group(2))[:-1]  # last cell: the site Total
        values = {}
        for ticker, text in zip(tickers, cells, strict=True):
            text = text.replace(",", "")
            if text == "-":
                values[ticker] = None
            elif text.startswith("("):
                values[ticker] = -Decimal(text.strip("()"))
            else:
                values[ticker] = Decimal(text)
        if any(v is not None for v in values.values()):
            out[datetime.strptime(match.group(1), "%d %b %Y").date()] = values
    return out


def expected_asset_days(asset: str) -> dict[date, dict]:
    days = bundled_fund_flows(asset)
    out: dict[date, dict] = {}
    nets: list[Decimal] = []
    out_streak = in_streak = 0
    for day in sorted(days):
        reported = {t: v * MILLION for t, v in days[day].items() if v is not None}
        net = sum(reported.values(), Decimal(0))
        nets.append(net)
        out_streak = out_streak + 1 if net < 0 else 0
        in_streak = in_streak + 1 if net > 0 else 0
        outflows = sorted((v, t) for t, v in reported.items() if v < 0)
        out[day] = {
            "net_flow_usd": net,
            "flow_5d_usd": sum(nets[-5:], Decimal(0)) if len(nets) >= 5 else None,
            "cumulative_flow_usd": sum(nets, Decimal(0)),
            "outflow_streak_days": out_streak,
            "inflow_streak_days": in_streak,
            "largest_outflow_ticker": outflows[0][1] if outflows else None,
            "largest_outflow_usd": outflows[0][0] if outflows else None,
            "funds_reported": len(reported),
        }
    return out


COLUMNS = (
    "net_flow_usd",
    "flow_5d_usd",
    "cumulative_flow_usd",
    "outflow_streak_days",
    "inflow_streak_days",
    "largest_outflow_ticker",
    "largest_outflow_usd",
    "funds_reported",
)


def bundled_btc_totals() -> dict[date, tuple[Decimal, str]]:
    """{date: (Farside's real daily Total in US$ m, per-fund kind)} from the bundled CSV copy of
    the real totals (per_fund: real, derived = allocated by the builder, holiday)."""
    with (SAMPLE / "btc_daily_totals.csv").open() as fh:
        return {
            date.fromisoformat(r["date"]): (Decimal(r["total_usd_m"]), r["per_fund"])
            for r in csv.DictReader(fh)
        }


def mart_asset_days(conn, asset: str) -> dict[date, dict]:
    rows = conn.execute(
        f"select date, {', '.join(COLUMNS)} from marts.fct_etf_flows_asset_daily "
        "where asset = ? order by date",
        [asset],
    ).fetchall()
    return {r[0]: dict(zip(COLUMNS, r[1:], strict=True)) for r in rows}


@pytest.mark.parametrize("asset", ["BTC", "ETH", "SOL"])
def test_asset_daily_matches_an_independent_computation_for_every_asset_day(marts, asset) -> None:
    expected = expected_asset_days(asset)
    actual = mart_asset_days(marts, asset)
    assert sorted(actual) == sorted(expected)
    mismatches = [(d, actual[d], expected[d]) for d in expected if actual[d] != expected[d]]
    assert not mismatches, mismatches[:3]


def test_known_days_from_the_real_files(marts) -> None:
    btc = mart_asset_days(marts, "BTC")
    eth = mart_asset_days(marts, "ETH")
    # First trading day: +655.3m, GBTC the largest seller (-95.1m).
    assert btc[date(2024, 1, 11)]["net_flow_usd"] == Decimal("655300000")
    assert btc[date(2024, 1, 11)]["largest_outflow_ticker"] == "GBTC"
    assert btc[date(2024, 1, 11)]["largest_outflow_usd"] == Decimal("-95100000")
    # MLK day 2024-01-15 is a holiday row on the page: no row, and the 5-day window skips it.
    assert date(2024, 1, 15) not in btc
    assert btc[date(2024, 1, 16)]["net_flow_usd"] == Decimal("-52700000")
    assert btc[date(2024, 1, 18)]["flow_5d_usd"] == Decimal(
        "1132800000"
    )  # 655.3+203-52.7+453.8-126.6
    # Holiday 2025-09-01 is absent; 2025-09-03 (0 in the scrape, not yet tallied then) carries
    # Farside's later +300.5m, and the BTC flows run to the sample's last trading day.
    assert max(btc) == date(2025, 11, 14) and date(2025, 9, 1) not in btc
    assert btc[date(2025, 9, 3)]["net_flow_usd"] == Decimal("300500000")
    # ETH total is the real one (106.6m), not the scraper's doubled column (213.2m).
    assert eth[date(2024, 7, 23)]["net_flow_usd"] == Decimal("106600000")
    # A real zero-flow day (every fund 0.0) is a row that breaks both streaks.
    assert eth[date(2024, 10, 7)]["net_flow_usd"] == 0
    assert eth[date(2024, 10, 7)]["outflow_streak_days"] == 0
    assert eth[date(2024, 10, 7)]["inflow_streak_days"] == 0


def test_btc_daily_flows_and_streaks_are_farsides_real_totals_every_trading_day(marts) -> None:
    """Net flow, 5-day flow and both streaks of every BTC trading day, recomputed from the real
    totals alone (the bundled CSV copy, not the pages nor the marts)."""
    totals = bundled_btc_totals()
    expected: dict[date, tuple] = {}
    nets: list[Decimal] = []
    out_streak = in_streak = 0
    for day in sorted(totals):
        total, kind = totals[day]
        if kind == "holiday":
            assert total == 0
            continue
        net = total * MILLION
        nets.append(net)
        out_streak = out_streak + 1 if net < 0 else 0
        in_streak = in_streak + 1 if net > 0 else 0
        five = sum(nets[-5:], Decimal(0)) if len(nets) >= 5 else None
        expected[day] = (net, five, out_streak, in_streak)
    actual = {
        d: (r["net_flow_usd"], r["flow_5d_usd"], r["outflow_streak_days"], r["inflow_streak_days"])
        for d, r in mart_asset_days(marts, "BTC").items()
    }
    assert sorted(actual) == sorted(expected)
    mismatches = [(d, actual[d], expected[d]) for d in expected if actual[d] != expected[d]]
    assert not mismatches, mismatches[:3]
    assert max(expected) == date(2025, 11, 14)
    assert sum(kind == "derived" for _, kind in totals.values()) == 53  # 2025-09-03..11-14


def test_2025_11_04_btc_outflow_streak_and_flow_in_the_mart_and_the_pulse(marts) -> None:
    """Issue 11: the fifth straight day of BTC ETF outflows, -566.4m (Farside's real total),
    counted from the real totals: Oct 29, 30, 31, Nov 3, Nov 4."""
    day = date(2025, 11, 4)
    totals = bundled_btc_totals()
    trading = sorted(d for d, (_, kind) in totals.items() if kind != "holiday" and d <= day)
    streak = 0
    for d in reversed(trading):
        if totals[d][0] >= 0:
            break
        streak += 1
    assert (totals[day][0], streak) == (Decimal("-566.4"), 5)

    btc = mart_asset_days(marts, "BTC")[day]
    assert btc["net_flow_usd"] == Decimal("-566400000")
    assert btc["outflow_streak_days"] == 5 and btc["inflow_streak_days"] == 0
    ((net, streak_days, as_of, eth_as_of, stale_inputs),) = marts.execute(
        "select btc_etf_net_flow_usd, btc_etf_outflow_streak_days, etf_flows_as_of, "
        "eth_etf_flows_as_of, stale_inputs from marts.fct_market_pulse_daily where date = ?",
        [day],
    ).fetchall()
    assert (net, streak_days, as_of) == (-566_400_000.0, 5, day)
    # BTC flows are the day's own. The shared real data holds no ETH ETF flows after
    # 2025-08-29, so the pulse names ETH's ETF flows stale, not BTC's.
    assert eth_as_of == date(2025, 8, 29)
    assert "etf_flows:ETH" in (stale_inputs or "").split(", ")
    assert "etf_flows:BTC" not in (stale_inputs or "").split(", ")


def test_the_manifest_marks_the_allocated_btc_rows_derived() -> None:
    """Rows with no real per-fund split are listed as derived in the manifest, are exactly the
    CSV's derived days and the page's rows from 2025-09-03, and their fund cells sum exactly to
    the real total (the scrape's real rows agree with it to rounding)."""
    manifest = {e["file"]: e for e in json.loads((SAMPLE / "MANIFEST.json").read_text())}
    page = manifest["farside/btc_all_data.html.gz"]
    assert page["kind"] == "derived" and page["last_date"] == "2025-11-14"
    derived = {date.fromisoformat(d) for d in page["derived_rows"]}
    totals = bundled_btc_totals()
    assert derived == {d for d, (_, kind) in totals.items() if kind == "derived"}
    assert manifest["farside/btc_daily_totals.csv"]["kind"] == "real"
    funds = bundled_fund_flows("BTC")
    assert derived == {d for d in funds if d >= date(2025, 9, 3)}
    sums = {d: sum((v for v in c.values() if v is not None), Decimal(0)) for d, c in funds.items()}
    assert {d: sums[d] for d in derived if sums[d] != totals[d][0]} == {}
    assert all(abs(sums[d] - totals[d][0]) <= Decimal("0.15") for d in funds)
    assert set(funds) == {d for d, (_, kind) in totals.items() if kind != "holiday"}


def test_a_dash_fund_is_no_row_and_not_counted(marts) -> None:
    # Synthetic SOL page: GSOL shows '-' on 2025-10-28 (not listed yet).
    rows = marts.execute(
        "select ticker from marts.fct_etf_flows_daily where asset = 'SOL' and date = '2025-10-28'"
    ).fetchall()
    assert rows == [("BSOL",)]
    assert mart_asset_days(marts, "SOL")[date(2025, 10, 28)]["funds_reported"] == 1


def test_fund_daily_has_one_row_per_reported_cell_in_usd(marts) -> None:
    expected = {
        (asset, day, ticker): value * MILLION
        for asset in PAGES
        for day, cells in bundled_fund_flows(asset).items()
        for ticker, value in cells.items()
        if value is not None
    }
    rows = marts.execute(
        "select asset, date, ticker, net_flow_usd from marts.fct_etf_flows_daily"
    ).fetchall()
    assert {(a, d, t): v for a, d, t, v in rows} == expected
    assert len(rows) == len(expected)


def test_dim_etfs_lists_every_fund_with_issuer_and_first_flow_date(marts) -> None:
    funds = {
        t: (i, a, f)
        for t, i, a, f in marts.execute(
            "select ticker, issuer, asset, first_flow_date from marts.dim_etfs"
        ).fetchall()
    }
    assert len(funds) == 11 + 9 + 2
    assert funds["IBIT"] == ("BlackRock", "BTC", date(2024, 1, 11))
    assert funds["BTC"] == ("Grayscale", "BTC", date(2024, 7, 31))  # the mini trust's launch
    assert funds["ETHA"][1:] == ("ETH", date(2024, 7, 23))


# --- revisions, re-runs and the snapshot, on a warehouse of their own ------------------------

DBT_SELECT = [
    "+fct_etf_flows_daily",
    "+fct_etf_flows_asset_daily",
    "+dim_etfs",
    "farside__etf_flows_snapshot",
    "us_market_holidays",
]


def dbt_build(settings: Settings, tmp_path: Path) -> None:
    dbt = Path(sys.executable).with_name("dbt")
    project = PROJECT_DIR / "dbt_project"
    result = subprocess.run(
        [
            str(dbt),
            "build",
            "--select",
            *DBT_SELECT,
            "--project-dir",
            str(project),
            "--profiles-dir",
            str(project),
            "--target-path",
            str(tmp_path / "dbt_target"),
            "--log-path",
            str(tmp_path / "dbt_logs"),
        ],
        cwd=project,
        env={**os.environ, **settings.dbt_env()},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def snapshot_of(settings: Settings, *queries: str) -> list[list[tuple]]:
    with connect(settings.duckdb_path, read_only=True) as conn:
        return [conn.execute(q).fetchall() for q in queries]


FUND_DAILY = "select * from marts.fct_etf_flows_daily where date <= '2025-08-28' order by all"
ASSET_DAILY = (
    "select * from marts.fct_etf_flows_asset_daily where date <= '2025-08-28' order by all"
)
ALL_MARTS = (
    "select * from marts.fct_etf_flows_daily order by all",
    "select * from marts.fct_etf_flows_asset_daily order by all",
    "select * from marts.dim_etfs order by all",
)


def test_revisions_rerun_and_snapshot(settings: Settings, tmp_path: Path) -> None:
    # 1. The 2025-08-28 run sees the page as first published: IBIT not reported yet ('-').
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 28), date(2025, 8, 28))
    dbt_build(settings, tmp_path)
    first_fund, first_asset = snapshot_of(settings, FUND_DAILY, ASSET_DAILY)
    first_marts = snapshot_of(settings, *ALL_MARTS)
    btc_0828 = [r for r in first_asset if r[0] == date(2025, 8, 28) and r[1] == "BTC"][0]
    assert btc_0828[2] == Decimal("115200000") and btc_0828[9] == 10
    assert not [r for r in first_fund if r[0] == date(2025, 8, 28) and r[2] == "IBIT"]

    # 2. Running the same partition again gives identical marts.
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 28), date(2025, 8, 28))
    dbt_build(settings, tmp_path)
    assert snapshot_of(settings, *ALL_MARTS) == first_marts

    # 3. The next day's run re-fetches the trailing window: only the revised fund-day changes.
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 29), date(2025, 8, 29))
    dbt_build(settings, tmp_path)
    second_fund, second_asset = snapshot_of(settings, FUND_DAILY, ASSET_DAILY)
    assert set(second_fund) - set(first_fund) == {
        (date(2025, 8, 28), "BTC", "IBIT", Decimal("63700000"))
    }
    assert set(first_fund) - set(second_fund) == set()
    changed = set(second_asset) - set(first_asset)
    assert {(r[0], r[1]) for r in changed} == {(date(2025, 8, 28), "BTC")}
    (revised,) = changed
    assert revised[2] == Decimal("178900000") and revised[9] == 11

    raw, history, others = snapshot_of(
        settings,
        "select flow_usd_m from raw_farside.etf_flows where asset = 'BTC' and ticker = 'IBIT' "
        "and date = '2025-08-28' order by fetched_at",
        "select flow_usd_m, dbt_valid_to is null from snapshots.farside__etf_flows_snapshot "
        "where fund_day_key = 'BTC|IBIT|2025-08-28' order by dbt_valid_from",
        "select count(*) from snapshots.farside__etf_flows_snapshot "
        "where fund_day_key <> 'BTC|IBIT|2025-08-28' group by fund_day_key having count(*) > 1",
    )
    assert raw == [(None,), (Decimal("63.70"),)]  # raw keeps both published versions
    assert history == [(None, False), (Decimal("63.70"), True)]  # what we knew, then the revision
    assert others == []  # no other fund-day changed
