"""The brief's charts as inline SVG (no scripts). Each chart shows the last observations on or
before the brief's day and says how old its newest point is, so a stale source is visible.

Drawn here, not with a plotting library: nine small line and bar charts need axes, ticks and a
legend. matplotlib's import and SVG backend took ~1.4 s of a ~21 s daily run on the 2-core
machine (2026-12-07), and its SVG was 5x the size of this.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from typing import Any

COLORS = {"btc": "#f7931a", "eth": "#627eea", "neg": "#d62728", "pos": "#2ca02c", "grey": "#7f7f7f"}
BTC_ETH = [("btc", "BTC", COLORS["btc"]), ("eth", "ETH", COLORS["eth"])]
DARK_RED = "#8b0000"

# The drawing, in px (the page scales it to its column): the plot area sits inside the margins.
WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 66, 14, 10, 38
MAX_X_TICKS = 8
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Formatter = Callable[[float], str]


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    points: int
    as_of: date | None
    note: str = ""


# ---------------------------------------------------------------- ticks


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten apart) covering [low, high]."""
    if not high > low:
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw * (1 - 1e-9))
    first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
    return [round(i * step, 12) for i in range(first, last + 1)]


def number_format(ticks: Sequence[float], *, prefix: str = "", suffix: str = "") -> Formatter:
    """Thousands separators and as many decimals as the ticks' step needs; the sign before
    the prefix (-$500m)."""
    step = abs(ticks[1] - ticks[0]) if len(ticks) > 1 else 1.0
    decimals = next(d for d in range(7) if d == 6 or abs(step * 10**d - round(step * 10**d)) < 1e-6)

    def fmt(value: float) -> str:
        text = f"{abs(value):,.{decimals}f}"
        sign = "-" if value < 0 and text.strip("0.,") else ""
        return f"{sign}{prefix}{text}{suffix}"

    return fmt


def _month_starts(first: date, last: date) -> list[date]:
    months, day = [], date(first.year, first.month, 1)
    while day <= last:
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def date_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Tick days and labels for [first, last]: the 1st and 15th of each month, or every 1, 2,
    3, 6 or 12 months, whichever gives at most MAX_X_TICKS; the month's name, the year on
    January (and on the first tick, so every axis says its year), the day number on a 15th."""
    months = _month_starts(first, last)
    choices: list[list[date]] = [
        [d for m in months for d in (m, m.replace(day=15))],
        *([m for m in months if (m.month - 1) % step == 0] for step in (1, 2, 3, 6, 12)),
    ]
    days: list[date] = []
    for choice in choices:
        days = [d for d in choice if first <= d <= last]
        if len(days) <= MAX_X_TICKS:
            break
    if len(days) < 2:
        # a span of days (no month boundary to speak of): five evenly spaced days
        step = max(1, (last - first).days // 4)
        days = [
            first + timedelta(days=i * step) for i in range(5) if i * step <= (last - first).days
        ]
        return [(d, f"{d.day} {MONTHS[d.month - 1]}") for d in days]

    labels = [
        str(d.day) if d.day != 1 else str(d.year) if d.month == 1 else MONTHS[d.month - 1]
        for d in days
    ]
    if not any(d.day == 1 and d.month == 1 for d in days):
        # no January on the axis: the first month named carries the year
        first_named = next((i for i, d in enumerate(days) if d.day == 1), 0)
        labels[first_named] = f"{MONTHS[days[first_named].month - 1]} {days[first_named].year}"
    return list(zip(days, labels, strict=True))


# ---------------------------------------------------------------- drawing


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


class _Canvas:
    """One chart's plot area: data -> px, axes, grid and ticks, and the SVG elements drawn."""

    def __init__(
        self,
        title: str,
        days: list[date],
        values: list[float],
        *,
        prefix: str = "",
        suffix: str = "",
    ) -> None:
        self.title = title
        self.x0 = min(days).toordinal() - 0.5 if days else 0.0
        self.x1 = max(days).toordinal() + 0.5 if days else 1.0
        self.days = (min(days), max(days)) if days else None
        self.ticks = nice_ticks(min(values, default=0.0), max(values, default=1.0))
        self.y_format = number_format(self.ticks, prefix=prefix, suffix=suffix)
        self.elements: list[str] = []

    def x(self, day: date) -> float:
        return LEFT + (day.toordinal() - self.x0) / (self.x1 - self.x0) * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        low, high = self.ticks[0], self.ticks[-1]
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    def day_width(self) -> float:
        return (WIDTH - LEFT - RIGHT) / (self.x1 - self.x0)

    def line(self, days: list[date], values: list[float], color: str) -> None:
        points = " ".join(
            f"{_n(self.x(d))},{_n(self.y(v))}" for d, v in zip(days, values, strict=True)
        )
        self.elements.append(
            f'<polyline fill="none" stroke="{color}" stroke-width="1.4" '
            f'stroke-linejoin="round" points="{points}"/>'
        )

    def bar(self, day: date, bottom: float, top: float, color: str) -> None:
        width = max(self.day_width() * 0.8, 0.8)
        y_top, y_bottom = sorted((self.y(top), self.y(bottom)))
        self.elements.append(
            f'<rect x="{_n(self.x(day) - width / 2)}" y="{_n(y_top)}" width="{_n(width)}" '
            f'height="{_n(max(y_bottom - y_top, 0.5))}" fill="{color}"/>'
        )

    def zero_line(self) -> None:
        if self.ticks[0] <= 0 <= self.ticks[-1]:
            y = _n(self.y(0))
            self.elements.append(
                f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" '
                f'stroke="{COLORS["grey"]}" stroke-width="0.8"/>'
            )

    def legend(self, entries: list[tuple[str, str, str]]) -> None:
        """(label, color, "line" | "box") top left, on a white backing over the data."""
        if not entries:
            return
        width = 28 + 6.6 * max(len(label) for label, _, _ in entries)
        self.elements.append(
            f'<rect x="{LEFT + 4}" y="{TOP + 2}" width="{_n(width)}" '
            f'height="{6 + 14 * len(entries)}" fill="#fff" fill-opacity="0.8"/>'
        )
        for i, (label, color, kind) in enumerate(entries):
            y = TOP + 12 + 14 * i
            mark = (
                f'<line x1="{LEFT + 8}" x2="{LEFT + 24}" y1="{y - 4}" y2="{y - 4}" '
                f'stroke="{color}" stroke-width="1.8"/>'
                if kind == "line"
                else f'<rect x="{LEFT + 10}" y="{y - 8}" width="12" height="8" fill="{color}"/>'
            )
            self.elements.append(
                f'{mark}<text x="{LEFT + 28}" y="{y}" font-size="11">{escape(label)}</text>'
            )

    def _axes(self) -> list[str]:
        parts, right, bottom = [], WIDTH - RIGHT, HEIGHT - BOTTOM
        for value in self.ticks:
            y = _n(self.y(value))
            parts.append(
                f'<line x1="{LEFT}" x2="{right}" y1="{y}" y2="{y}" stroke="#000" '
                f'stroke-opacity="0.1"/><text x="{LEFT - 6}" y="{y}" dy="0.35em" '
                f'text-anchor="end">{escape(self.y_format(value))}</text>'
            )
        if self.days is not None:
            for day, label in date_ticks(*self.days):
                x = _n(self.x(day))
                parts.append(
                    f'<line x1="{x}" x2="{x}" y1="{TOP}" y2="{bottom}" stroke="#000" '
                    f'stroke-opacity="0.1"/><line x1="{x}" x2="{x}" y1="{bottom}" '
                    f'y2="{bottom + 4}" stroke="#333"/><text x="{x}" y="{bottom + 16}" '
                    f'text-anchor="middle">{escape(label)}</text>'
                )
        else:
            parts.append(
                f'<text x="{(LEFT + right) / 2}" y="{(TOP + bottom) / 2}" text-anchor="middle" '
                f'fill="{COLORS["grey"]}">no data</text>'
            )
        parts.append(
            f'<path d="M{LEFT},{TOP}V{bottom}H{right}" fill="none" stroke="#333" '
            'stroke-width="0.8"/>'
        )
        return parts

    def svg(self) -> str:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(self.title)}" '
            'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12" '
            f'fill="#222">{"".join(self._axes())}{"".join(self.elements)}</svg>'
        )


# ---------------------------------------------------------------- the charts


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
    scale = 100 if percent else 1
    lines = [
        (
            label,
            color,
            [r["date"] for r in rows if r.get(column) is not None],
            [r[column] * scale for r in rows if r.get(column) is not None],
        )
        for column, label, color in series
    ]
    values = [v for *_, ys in lines for v in ys] + ([0.0] if zero_line else [])
    days = [d for _, _, xs, _ in lines for d in xs]
    canvas = _Canvas(title, days, values, suffix="%" if percent else "")
    if zero_line:
        canvas.zero_line()
    for _, color, xs, ys in lines:
        if xs:
            canvas.line(xs, ys, color)
    canvas.legend([(label, color, "line") for label, color, _, _ in lines])
    as_of = max((r["date"] for r in rows), default=None)
    return Chart(key, title, canvas.svg(), len(days), as_of, note)


def bar_chart(
    key: str, title: str, rows: list[dict], column: str, *, highlight: str | None, note: str = ""
) -> Chart:
    rows = [r for r in rows if r.get(column) is not None]
    xs = [r["date"] for r in rows]
    ys = [r[column] / 1e6 for r in rows]
    flagged = {r["date"] for r in rows if highlight and r.get(highlight)}
    values = [*ys, 0.0]
    canvas = _Canvas(title, xs, values, prefix="$", suffix="m")
    for x, y in zip(xs, ys, strict=True):
        color = DARK_RED if x in flagged else COLORS["neg"] if y < 0 else COLORS["pos"]
        canvas.bar(x, 0.0, y, color)
    canvas.zero_line()
    return Chart(key, title, canvas.svg(), len(xs), max(xs, default=None), note)


def stacked_liquidations(rows: list[dict]) -> Chart:
    title = "BTC + ETH liquidations, long vs short"
    rows = [r for r in rows if r.get("liquidations_long_usd") is not None]
    xs = [r["date"] for r in rows]
    longs = [r["liquidations_long_usd"] / 1e6 for r in rows]
    shorts = [(r["liquidations_short_usd"] or 0) / 1e6 for r in rows]
    values = [0.0, *(long + short for long, short in zip(longs, shorts, strict=True))]
    canvas = _Canvas(title, xs, values, prefix="$", suffix="m")
    for x, long, short in zip(xs, longs, shorts, strict=True):
        canvas.bar(x, 0.0, long, COLORS["neg"])
        canvas.bar(x, long, long + short, COLORS["pos"])
    canvas.legend(
        [("longs liquidated", COLORS["neg"], "box"), ("shorts liquidated", COLORS["pos"], "box")]
    )
    return Chart("liquidations", title, canvas.svg(), len(xs), max(xs, default=None))


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
