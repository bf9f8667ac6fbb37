"""Farside flow pages (wire-format HTML) rebuilt from the real per-fund history.

Source: ciyberpunk/farside-etf wide CSVs (scraped from farside.co.uk). That scraper zero-filled
calendar days and turned ``-`` into 0, so the honest page is reconstructed here:
- weekend rows are absent; US market holidays are rows with every fund ``-`` and Total ``0.0``
  (as Farside shows them); a fund cell that is 0.0 on a trading day stays ``0.0``;
- BTC 2025-09-03 is the last row of the scrape and was all zeros (not yet tallied; Farside
  later showed +300.5): it is served as a not-yet-tallied row (every fund ``-``, Total ``0.0``);
- ETH: the CSV's ``Total`` column is doubled (the scraper summed the site Total too), so the
  site Total comes from the ``Total Unnamed…`` column, which equals the sum of the funds.

BTC after the scrape (2025-09-03..2025-11-14, the last US trading day of the sample window):
the real daily site totals come from mcg_macro_intel ``btc_etf_flows.csv`` (Farside's Total
column only; it agrees with the scrape on every earlier trading day, which the builder checks).
No per-fund split exists for those days, so the builder ALLOCATES each real total over the funds:
each fund's share is its part of the absolute per-fund flows over the last ``SHARE_WINDOW`` (60)
real trading days (2025-06-06..2025-09-02); a fund's cell is total x share rounded half-even to
0.1m, and the rounding remainder goes to the fund with the largest share (IBIT), so the row's
funds sum exactly to the real Total. Every fund therefore moves with the day's sign; the
manifest lists those dates as ``derived_rows``. The real totals themselves are bundled as
``farside/btc_daily_totals.csv`` (tests check the marts against it, not against the pages).

Revision cases (the replay serves a version on the as_of days listed in ``versions.json``; the
final page on every other day, as the site shows a day first published, then revised):
- the BTC page as first published on 2025-08-28, with IBIT not yet reported (``-``); from
  2025-08-29 on the final page shows IBIT +63.7. The IBIT gap is simulated (BlackRock often
  reports late); the figures are real.
- the BTC page as seen on 2025-09-03: that day not yet tallied (every fund ``-``, Total
  ``0.0``, as the scrape caught it); from 2025-09-04 on the final page shows the real +300.5.

SOL: there is no real per-fund SOL history in the shared data, so the SOL page
(2025-10-28..2025-11-14, BSOL and GSOL) is SYNTHETIC, from a fixed-seed generator loosely
calibrated to the first weeks of US SOL ETF trading; it is marked synthetic in the manifest.
"""

from __future__ import annotations

import csv
import gzip
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from ingestion.farside.calendar import NYSE_HOLIDAYS, is_trading_day
from ingestion.sample.manifest import SAMPLE_END, ManifestEntry

ORIGIN = (
    "shared/data/real/etf_flows/ciyberpunk_farside-etf (farside.co.uk per-fund flows, git copy)"
)
TOTALS_FILE = "mcg_macro_intel/btc_etf_flows.csv"
TOTALS_ORIGIN = (
    "shared/data/real/etf_flows/mcg_macro_intel/btc_etf_flows.csv "
    "(Mohammad-Hannan/mcg_macro_intel @561a7ca, Farside BTC daily Total, git copy)"
)
OUT = "farside"


@dataclass(frozen=True)
class Fund:
    ticker: str
    issuer: str
    fee: str


BTC_FUNDS = (
    Fund("IBIT", "Blackrock", "0.25%"),
    Fund("FBTC", "Fidelity", "0.25%"),
    Fund("BITB", "Bitwise", "0.20%"),
    Fund("ARKB", "Ark", "0.21%"),
    Fund("BTCO", "Invesco", "0.25%"),
    Fund("EZBC", "Franklin", "0.19%"),
    Fund("BRRR", "Valkyrie", "0.25%"),
    Fund("HODL", "VanEck", "0.20%"),
    Fund("BTCW", "WisdomTree", "0.25%"),
    Fund("GBTC", "Grayscale", "1.50%"),
    Fund("BTC", "Grayscale", "0.15%"),
)
# Header text of the ciyberpunk ETH CSV ("<issuer> <ticker> <fee>"), in page order.
ETH_FUNDS = (
    Fund("ETHA", "Blackrock", "0.25%"),
    Fund("FETH", "Fidelity", "0.25%"),
    Fund("ETHW", "Bitwise", "0.20%"),
    Fund("TETH", "21 Shares", "0.21%"),
    Fund("ETHV", "VanEck", "0.20%"),
    Fund("QETH", "Invesco", "0.25%"),
    Fund("EZET", "Franklin", "0.19%"),
    Fund("ETHE", "Grayscale", "2.50%"),
    Fund("ETH", "Grayscale", "0.15%"),
)
SOL_FUNDS = (Fund("BSOL", "Bitwise", "0.20%"), Fund("GSOL", "Grayscale", "0.35%"))

ETH_SITE_TOTAL = "Total Unnamed: 10_level_1 Unnamed: 10_level_2"
BTC_NOT_TALLIED = date(2025, 9, 3)
# The first day without a real per-fund split; from here to the sample's end the BTC rows are
# the real totals allocated over the funds.
FIRST_DERIVED = BTC_NOT_TALLIED
SHARE_WINDOW = 60
TENTH = Decimal("0.1")
REVISION_DAY = date(2025, 8, 28)
REVISION_TICKER = "IBIT"
SOL_START, SOL_END, SOL_SEED = date(2025, 10, 28), date(2025, 11, 14), 20251028

# A row is (date, {ticker: Decimal | None}, site total Decimal | None).
Row = tuple[date, dict[str, Decimal | None], Decimal | None]


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "-"
    text = f"{abs(value):,.1f}"
    return f'<span class="redFont">({text})</span>' if value < 0 else text


def _cell(text: str, tag: str = "td") -> str:
    return f'<{tag}><span class="tabletext">{text}</span></{tag}>'


def render_page(title: str, funds: Sequence[Fund], rows: Sequence[Row]) -> str:
    """A Farside-style flow page: issuer / ticker / fee header rows, one line per data row
    (the replay trims rows by date), then the Total/Average/Maximum/Minimum footer rows."""
    head = [
        "<tr>"
        + _cell("", "th")
        + "".join(_cell(f.issuer, "th") for f in funds)
        + _cell("Total", "th")
        + "</tr>",
        "<tr>"
        + _cell("", "th")
        + "".join(_cell(f.ticker, "th") for f in funds)
        + _cell("", "th")
        + "</tr>",
        "<tr>"
        + _cell("Fee", "th")
        + "".join(_cell(f.fee, "th") for f in funds)
        + _cell("", "th")
        + "</tr>",
    ]
    body = [
        "<tr>"
        + _cell(day.strftime("%d %b %Y"))
        + "".join(_cell(_fmt(flows.get(f.ticker))) for f in funds)
        + _cell(_fmt(total))
        + "</tr>"
        for day, flows, total in rows
    ]
    footer = []
    columns = [*(f.ticker for f in funds), "Total"]
    per_column = {
        c: [(total if c == "Total" else flows.get(c)) for _, flows, total in rows] for c in columns
    }
    for label, fn in (
        ("Total", lambda v: sum(v, Decimal(0))),
        ("Average", lambda v: (sum(v, Decimal(0)) / len(v)).quantize(Decimal("0.1"))),
        ("Maximum", max),
        ("Minimum", min),
    ):
        cells = []
        for c in columns:
            values = [v for v in per_column[c] if v is not None]
            cells.append(_cell(_fmt(fn(values)) if values else "-"))
        footer.append("<tr>" + _cell(label) + "".join(cells) + "</tr>")
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en-GB"><head><meta charset="UTF-8">',
            f"<title>{title} - Farside Investors</title></head>",
            '<body><div class="entry-content">',
            f"<h1>{title}</h1>",
            "<p>All data in US$m. Source: Farside Investors.</p>",
            '<table class="etf">',
            "<thead>",
            *head,
            "</thead>",
            "<tbody>",
            *body,
            *footer,
            "</tbody>",
            "</table>",
            "</div></body></html>",
            "",
        ]
    )


def _trading_rows(
    first: date, last: date, values: dict[date, tuple[dict[str, Decimal | None], Decimal]]
) -> list[Row]:
    rows: list[Row] = []
    day = first
    while day <= last:
        if day.weekday() < 5:
            if day in NYSE_HOLIDAYS:
                rows.append((day, {}, Decimal("0.0")))
            else:
                flows, total = values[day]
                rows.append((day, flows, total))
        day += timedelta(days=1)
    return rows


def _read_btc(real_dir: Path) -> dict[date, tuple[dict[str, Decimal | None], Decimal]]:
    path = real_dir / "etf_flows" / "ciyberpunk_farside-etf" / "bitcoin_etf_flows_wide_daily.csv"
    out = {}
    with path.open() as fh:
        for rec in csv.DictReader(fh):
            day = date.fromisoformat(rec["date"])
            out[day] = (
                {f.ticker: Decimal(rec[f.ticker]) for f in BTC_FUNDS},
                Decimal(rec["Total"]),
            )
    return out


def _read_eth(real_dir: Path) -> dict[date, tuple[dict[str, Decimal | None], Decimal]]:
    path = real_dir / "etf_flows" / "ciyberpunk_farside-etf" / "ethereum_etf_flows_wide_daily.csv"
    out = {}
    with path.open() as fh:
        for rec in csv.DictReader(fh):
            day = date.fromisoformat(rec["date"])
            flows = {f.ticker: Decimal(rec[f"{f.issuer} {f.ticker} {f.fee}"]) for f in ETH_FUNDS}
            # The CSV's plain `Total` is 2x the site total (scraper bug): use the real one.
            out[day] = (flows, Decimal(rec[ETH_SITE_TOTAL]).quantize(Decimal("0.1")))
    return out


def _check_trading_days(name: str, values: dict, first: date, last: date) -> None:
    """The zero-filled calendar must be all zeros on every non-trading day, and every row's
    site total must equal the sum of its funds. (Trading days where every fund shows 0.0 are
    real zero-flow days and stay.)"""
    for day, (flows, total) in values.items():
        if not first <= day <= last:
            continue
        all_zero = all(v == 0 for v in flows.values()) and total == 0
        if not is_trading_day(day) and not all_zero:
            raise ValueError(f"{name}: {day} is not a US trading day but has flows")
        total_of_funds = sum((v for v in flows.values() if v is not None), Decimal(0))
        if abs(total_of_funds - total) > Decimal("0.15"):
            raise ValueError(f"{name}: {day} site total {total} != sum of funds {total_of_funds}")


def _read_btc_totals(real_dir: Path) -> dict[date, Decimal]:
    """Farside's real BTC daily Total (US$ m) by date, from the mcg_macro_intel copy (dates like
    ``11 Jan 2024``, thousands separators, footer rows Total/Average/Maximum/Minimum)."""
    path = real_dir / "etf_flows" / TOTALS_FILE
    out = {}
    with path.open() as fh:
        for rec in csv.DictReader(fh):
            try:
                day = datetime.strptime(rec["Date"], "%d %b %Y").date()
            except ValueError:
                continue  # footer rows
            out[day] = Decimal(rec["Total"].replace(",", "")).quantize(TENTH)
    return out


def _check_totals_agree(
    btc: dict[date, tuple[dict[str, Decimal | None], Decimal]], totals: dict[date, Decimal]
) -> None:
    """The totals file must agree with the scrape's site Total on every trading day both hold
    (before the scrape's untallied last day), and have a row for every later trading day."""
    for day, (_, total) in sorted(btc.items()):
        if day < FIRST_DERIVED and is_trading_day(day) and totals.get(day) != total:
            raise ValueError(f"{TOTALS_FILE}: {day} {totals.get(day)} != scrape {total}")
    last = date.fromisoformat(SAMPLE_END)
    for day in (d for d in totals if d <= last):
        if not is_trading_day(day) and totals[day] != 0:
            raise ValueError(f"{TOTALS_FILE}: {day} is not a US trading day but has {totals[day]}")
    day = FIRST_DERIVED
    while day <= last:
        if is_trading_day(day) and day not in totals:
            raise ValueError(f"{TOTALS_FILE}: no total for trading day {day}")
        day += timedelta(days=1)


def fund_shares(
    btc: dict[date, tuple[dict[str, Decimal | None], Decimal]], funds: Sequence[Fund]
) -> dict[str, Decimal]:
    """Each fund's part of the absolute per-fund flows over the last ``SHARE_WINDOW`` real
    trading days before ``FIRST_DERIVED``."""
    window = sorted(d for d in btc if d < FIRST_DERIVED and is_trading_day(d))[-SHARE_WINDOW:]
    absolute = {
        f.ticker: sum((abs(btc[d][0][f.ticker] or Decimal(0)) for d in window), Decimal(0))
        for f in funds
    }
    grand = sum(absolute.values(), Decimal(0))
    return {ticker: value / grand for ticker, value in absolute.items()}


def allocate(total: Decimal, shares: dict[str, Decimal]) -> dict[str, Decimal | None]:
    """A real day total split over the funds by ``shares``: each cell rounded half-even to
    0.1m, the remainder on the largest-share fund, so the cells sum exactly to ``total``."""
    cells = {t: (total * s).quantize(TENTH, rounding=ROUND_HALF_EVEN) for t, s in shares.items()}
    largest = max(shares, key=lambda t: shares[t])
    cells[largest] += total - sum(cells.values(), Decimal(0))
    # No '-0.0' cells: a zero allocation is a plain 0.0, as Farside shows a fund without flow.
    return {t: v if v != 0 else Decimal("0.0") for t, v in cells.items()}


def _sol_rows() -> list[Row]:
    rng = random.Random(SOL_SEED)
    rows: list[Row] = []
    day = SOL_START
    while day <= SOL_END:
        if is_trading_day(day):
            bsol = Decimal(str(round(max(-15.0, rng.gauss(32.0, 22.0)), 1)))
            gsol = None if day == SOL_START else Decimal(str(round(rng.gauss(2.5, 3.5), 1)))
            flows = {"BSOL": bsol, "GSOL": gsol}
            rows.append((day, flows, sum((v for v in flows.values() if v is not None), Decimal(0))))
        day += timedelta(days=1)
    return rows


def _write_totals(
    out_dir: Path, first: date, totals: dict[date, Decimal], derived: set[date]
) -> int:
    """The real daily totals of the BTC page's window, one row per date the source lists."""
    last = date.fromisoformat(SAMPLE_END)
    lines = ["date,total_usd_m,per_fund"]
    for day in sorted(d for d in totals if first <= d <= last):
        kind = "derived" if day in derived else "real" if is_trading_day(day) else "holiday"
        lines.append(f"{day},{totals[day]},{kind}")
    (out_dir / OUT / "btc_daily_totals.csv").write_text("\n".join(lines) + "\n")
    return len(lines) - 1


def _write(out_dir: Path, rel: str, html: str) -> None:
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(html.encode(), mtime=0))


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    btc = _read_btc(real_dir)
    btc_first = min(btc)
    _check_trading_days("btc", btc, btc_first, FIRST_DERIVED - timedelta(days=1))
    totals = _read_btc_totals(real_dir)
    _check_totals_agree(btc, totals)
    shares = fund_shares(btc, BTC_FUNDS)
    btc_last = max(d for d in totals if d <= date.fromisoformat(SAMPLE_END) and is_trading_day(d))
    derived_days = [
        d for d in sorted(totals) if FIRST_DERIVED <= d <= btc_last and is_trading_day(d)
    ]
    values = {d: v for d, v in btc.items() if d < FIRST_DERIVED}
    values.update({d: (allocate(totals[d], shares), totals[d]) for d in derived_days})
    btc_rows = _trading_rows(btc_first, btc_last, values)
    # The page as seen on the scrape's last day: that day not yet tallied (all '-', Total 0.0).
    untallied_rows: list[Row] = [
        (d, {}, Decimal("0.0")) if d == BTC_NOT_TALLIED else (d, f, t)
        for d, f, t in btc_rows
        if d <= BTC_NOT_TALLIED
    ]

    eth = _read_eth(real_dir)
    eth_first, eth_last = min(eth), max(eth)
    _check_trading_days("eth", eth, eth_first, eth_last)
    eth_rows = _trading_rows(eth_first, eth_last, eth)

    revised_rows: list[Row] = []
    for day, flows, total in btc_rows:
        if day > REVISION_DAY:
            break
        if day == REVISION_DAY:
            late = flows[REVISION_TICKER]
            flows = {**flows, REVISION_TICKER: None}
            total = total - (late or Decimal(0))
        revised_rows.append((day, flows, total))

    sol_rows = _sol_rows()

    pages = {
        f"{OUT}/btc_all_data.html.gz": render_page(
            "Bitcoin ETF Flow - All Data", BTC_FUNDS, btc_rows
        ),
        f"{OUT}/btc_all_data.{REVISION_DAY}.html.gz": render_page(
            "Bitcoin ETF Flow - All Data", BTC_FUNDS, revised_rows
        ),
        f"{OUT}/btc_all_data.{BTC_NOT_TALLIED}.html.gz": render_page(
            "Bitcoin ETF Flow - All Data", BTC_FUNDS, untallied_rows
        ),
        f"{OUT}/eth_all_data.html.gz": render_page(
            "Ethereum ETF Flow - All Data", ETH_FUNDS, eth_rows
        ),
        f"{OUT}/sol_recent.html.gz": render_page("Solana ETF Flow", SOL_FUNDS, sol_rows),
    }
    for rel, html in pages.items():
        _write(out_dir, rel, html)
    versions = {
        "btc": [
            {
                "file": f"btc_all_data.{REVISION_DAY}.html.gz",
                "served_from": str(REVISION_DAY),
                "served_to": str(REVISION_DAY),
            },
            {
                "file": f"btc_all_data.{BTC_NOT_TALLIED}.html.gz",
                "served_from": str(BTC_NOT_TALLIED),
                "served_to": str(BTC_NOT_TALLIED),
            },
            {"file": "btc_all_data.html.gz", "served_from": None, "served_to": None},
        ],
        "eth": [{"file": "eth_all_data.html.gz", "served_from": None, "served_to": None}],
        "sol": [{"file": "sol_recent.html.gz", "served_from": None, "served_to": None}],
    }
    (out_dir / OUT / "versions.json").write_text(json.dumps(versions, indent=1) + "\n")
    totals_rows = _write_totals(out_dir, btc_first, totals, set(derived_days))

    def data_rows(rows: list[Row]) -> int:
        return sum(1 for _, flows, _ in rows if any(v is not None for v in flows.values()))

    layout = (
        "Wire-format Farside HTML rebuilt from zero-filled calendar rows: weekends dropped, NYSE "
        "holidays as all-'-' rows with Total 0.0, trading-day 0.0 cells kept as 0.0."
    )
    return [
        ManifestEntry(
            file=f"{OUT}/btc_all_data.html.gz",
            kind="derived",
            origin=ORIGIN,
            first_date=str(btc_first),
            last_date=str(btc_last),
            rows=data_rows(btc_rows),
            notes=f"{layout} To {FIRST_DERIVED - timedelta(days=1)}: per-fund figures and site "
            "totals real (bitcoin_etf_flows_wide_daily.csv). From "
            f"{FIRST_DERIVED} to {btc_last} (derived_rows): site Total real (mcg_macro_intel "
            "btc_etf_flows.csv, bundled as farside/btc_daily_totals.csv), per-fund cells "
            "ALLOCATED: total x the fund's share of absolute per-fund flows over the last "
            f"{SHARE_WINDOW} real trading days, rounded half-even to 0.1m, remainder on the "
            "largest-share fund (IBIT). Replay serves it for every as_of except 2025-08-28 and "
            "2025-09-03.",
            derived_rows=tuple(str(d) for d in derived_days),
        ),
        ManifestEntry(
            file=f"{OUT}/btc_all_data.{REVISION_DAY}.html.gz",
            kind="derived",
            origin=ORIGIN,
            first_date=str(btc_first),
            last_date=str(REVISION_DAY),
            rows=data_rows(revised_rows),
            notes="Revision case: the BTC page as first published on 2025-08-28, IBIT not yet "
            "reported ('-', simulated late report; the final page shows +63.7) and the site Total "
            "115.2 instead of 178.9. Served by the replay for as_of = 2025-08-28 only.",
        ),
        ManifestEntry(
            file=f"{OUT}/btc_all_data.{BTC_NOT_TALLIED}.html.gz",
            kind="derived",
            origin=ORIGIN,
            first_date=str(btc_first),
            last_date=str(BTC_NOT_TALLIED),
            rows=data_rows(untallied_rows),
            notes="Revision case: the BTC page as seen on 2025-09-03, that day not yet tallied "
            "(every fund '-', Total 0.0, as the scrape caught it); the final page shows the real "
            "+300.5 (allocated over the funds). Served by the replay for as_of = 2025-09-03 only.",
        ),
        ManifestEntry(
            file=f"{OUT}/btc_daily_totals.csv",
            kind="real",
            origin=TOTALS_ORIGIN,
            first_date=str(btc_first),
            last_date=str(btc_last),
            rows=totals_rows,
            notes="Farside's BTC daily Total (US$ m), copied for checking (nothing reads it at run "
            "time): date, total_usd_m, per_fund = real (the page's per-fund cells are real), "
            "derived (cells allocated from this total) or holiday (no trading, total 0). Equal "
            "to the scrape's total on every trading day before 2025-09-03.",
            derived_rows=tuple(str(d) for d in derived_days),
        ),
        ManifestEntry(
            file=f"{OUT}/eth_all_data.html.gz",
            kind="derived",
            origin=ORIGIN,
            first_date=str(eth_first),
            last_date=str(eth_last),
            rows=data_rows(eth_rows),
            notes=f"{layout} Per-fund figures real (ethereum_etf_flows_wide_daily.csv); site Total "
            "from the 'Total Unnamed…' column (the CSV's 'Total' is doubled). Ten trading days "
            "where every fund shows 0.0 are real zero-flow days and stay rows.",
        ),
        ManifestEntry(
            file=f"{OUT}/sol_recent.html.gz",
            kind="synthetic",
            origin="generated: tools/sample/builders/farside.py _sol_rows "
            f"(random.Random({SOL_SEED}))",
            first_date=str(SOL_START),
            last_date=str(SOL_END),
            rows=data_rows(sol_rows),
            notes="SYNTHETIC: no real per-fund SOL history exists in the shared data. BSOL daily "
            "flows ~ N(32, 22) floored at -15, GSOL ~ N(2.5, 3.5) (not listed on the first day: "
            "'-'), US$ m, one decimal. Only the shape of the page is realistic.",
        ),
    ]
