"""The brief's charts as inline SVG (matplotlib, no scripts). Each chart shows the last
observations on or before the brief's day and says how old its newest point is, so a stale
source is visible."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {"btc": "#f7931a", "eth": "#627eea", "neg": "#d62728", "pos": "#2ca02c", "grey": "#7f7f7f"}
BTC_ETH = [("btc", "BTC", COLORS["btc"]), ("eth", "ETH", COLORS["eth"])]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    points: int
    as_of: date | None
    note: str = ""


def _svg(fig: plt.Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _figure(height: float = 2.6) -> tuple[plt.Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=(7.2, height), dpi=100)
    ax.grid(alpha=0.25)
    ax.spines[["top", "right"]].set_visible(False)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return fig, ax


def series_chart(
    key: str,
    title: str,
    rows: list[dict],
    series: list[tuple[str, str, str]],
    *,
    percent: bool = False,
    zero_line: bool = False,
    note: str = "",
) -> Chart:
    fig, ax = _figure()
    points = 0
    for column, label, color in series:
        xs = [r["date"] for r in rows if r.get(column) is not None]
        ys = [r[column] * (100 if percent else 1) for r in rows if r.get(column) is not None]
        points += len(xs)
        if xs:
            ax.plot(xs, ys, label=label, color=color, linewidth=1.4)
    if zero_line:
        ax.axhline(0, color=COLORS["grey"], linewidth=0.8)
    if percent:
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0f}%")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    as_of = max((r["date"] for r in rows), default=None)
    return Chart(key, title, _svg(fig), points, as_of, note)


def bar_chart(
    key: str, title: str, rows: list[dict], column: str, *, highlight: str | None, note: str = ""
) -> Chart:
    fig, ax = _figure()
    xs = [r["date"] for r in rows if r.get(column) is not None]
    ys = [r[column] / 1e6 for r in rows if r.get(column) is not None]
    colors = [COLORS["neg"] if y < 0 else COLORS["pos"] for y in ys]
    if highlight:
        flagged = {r["date"] for r in rows if r.get(highlight)}
        colors = [("#8b0000" if x in flagged else c) for x, c in zip(xs, colors, strict=True)]
    ax.bar(xs, ys, color=colors, width=0.8)
    ax.axhline(0, color=COLORS["grey"], linewidth=0.8)
    ax.yaxis.set_major_formatter(lambda v, _: f"${v:,.0f}m")
    as_of = max(xs, default=None)
    return Chart(key, title, _svg(fig), len(xs), as_of, note)


def stacked_liquidations(rows: list[dict]) -> Chart:
    fig, ax = _figure()
    rows = [r for r in rows if r.get("liquidations_long_usd") is not None]
    xs = [r["date"] for r in rows]
    longs = [r["liquidations_long_usd"] / 1e6 for r in rows]
    shorts = [(r["liquidations_short_usd"] or 0) / 1e6 for r in rows]
    ax.bar(xs, longs, color=COLORS["neg"], label="longs liquidated", width=0.8)
    ax.bar(xs, shorts, bottom=longs, color=COLORS["pos"], label="shorts liquidated", width=0.8)
    ax.yaxis.set_major_formatter(lambda v, _: f"${v:,.0f}m")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return Chart(
        "liquidations",
        "BTC + ETH liquidations, long vs short",
        _svg(fig),
        len(xs),
        max(xs, default=None),
    )


def by_asset(rows: list[dict], column: str, *, scale: float = 1.0) -> list[dict]:
    """Long (asset, date, value) rows as one series per asset: {date, btc, eth}."""
    return [
        {
            "date": r["date"],
            "btc": r[column] * scale if r["asset"] == "BTC" and r[column] is not None else None,
            "eth": r[column] * scale if r["asset"] == "ETH" and r[column] is not None else None,
        }
        for r in rows
    ]


def brief_charts(rows: Mapping[str, Any]) -> list[Chart]:
    """The brief's nine charts from ``warehouse.brief_queries.brief_rows``."""
    prices = rows["prices"]
    flows = [{**r, "in_streak": (r["outflow_streak_days"] or 0) >= 3} for r in rows["etf_flows"]]
    derivatives = rows["derivatives"]
    btc_derivatives = [r for r in derivatives if r["asset"] == "BTC"]
    market = rows["market"]
    return [
        series_chart(
            "btc_sma50w",
            "BTC close and 50-week SMA (USD)",
            [r for r in prices if r["asset"] == "BTC"],
            [("close", "BTC close", COLORS["btc"]), ("sma_50w", "50-week SMA", COLORS["grey"])],
        ),
        series_chart(
            "drawdown",
            "Drawdown from all-time high",
            by_asset(prices, "drawdown_from_ath"),
            BTC_ETH,
            percent=True,
        ),
        bar_chart(
            "etf_flows",
            "US spot BTC ETF net flows (last 60 trading days; dark red: outflow streak of 3+ days)",
            flows,
            "net_flow_usd",
            highlight="in_streak",
        ),
        series_chart(
            "funding_basis",
            "BTC funding and front-quarter basis (annualized)",
            btc_derivatives,
            [
                ("funding_rate_annualized", "funding", COLORS["btc"]),
                ("basis_annualized_front_quarter", "basis", COLORS["eth"]),
            ],
            percent=True,
            zero_line=True,
        ),
        stacked_liquidations(rows["liquidations"]),
        series_chart(
            "open_interest",
            "Open interest (USD bn)",
            by_asset(derivatives, "open_interest_usd", scale=1e-9),
            BTC_ETH,
        ),
        series_chart(
            "iv_term",
            "BTC implied volatility: 7-day vs 30-day ATM, DVOL",
            btc_derivatives,
            [
                ("atm_iv_7d", "ATM IV 7d", COLORS["neg"]),
                ("atm_iv_30d", "ATM IV 30d", COLORS["eth"]),
                ("dvol", "DVOL", COLORS["grey"]),
            ],
            percent=True,
        ),
        series_chart(
            "fear_greed",
            "Crypto Fear & Greed (0 = extreme fear)",
            market,
            [("fear_greed_value", "Fear & Greed", COLORS["btc"])],
        ),
        series_chart(
            "btc_ndx_corr",
            "BTC–Nasdaq-100 correlation of daily log returns",
            market,
            [
                ("btc_ndx_corr_30d", "30 trading days", COLORS["btc"]),
                ("btc_ndx_corr_90d", "90 trading days", COLORS["grey"]),
            ],
            zero_line=True,
        ),
    ]
