"""The daily risk brief: one self-contained HTML page (inline SVG charts, no scripts, no
network) for a day, read from the marts. Each chart shows the last observations on or before
the brief's day and says how old its newest point is, so a stale source is visible.
"""

from __future__ import annotations

import html
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import matplotlib

matplotlib.use("Agg")  # no display; must precede pyplot
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from jinja2 import Environment, FileSystemLoader, select_autoescape  # noqa: E402

TEMPLATES = Path(__file__).parent / "templates"
COLORS = {"btc": "#f7931a", "eth": "#627eea", "neg": "#d62728", "pos": "#2ca02c", "grey": "#7f7f7f"}


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    points: int
    as_of: date | None
    note: str = ""


@dataclass
class Brief:
    day: date
    pulse: dict
    alerts: list[dict]
    events: list[dict]
    charts: list[Chart] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))


def _rows(conn: duckdb.DuckDBPyConnection, query: str, params: Sequence = ()) -> list[dict]:
    relation = conn.execute(query, list(params))
    names = [d[0] for d in relation.description]
    # DECIMAL money columns arrive as Decimal; charts and formatting want floats.
    return [
        {k: float(v) if isinstance(v, Decimal) else v for k, v in zip(names, row, strict=True)}
        for row in relation.fetchall()
    ]


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


def _series_chart(
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


def _bar_chart(
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


def _stacked_liquidations(rows: list[dict]) -> Chart:
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


QUERIES = {
    "latest_day": "select max(date) from fct_market_pulse_daily",
    "pulse": "select * from fct_market_pulse_daily where date = ?",
    "alerts": """
        select * from fct_risk_alerts where date = ?
        order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, alert_code, asset
    """,
    "events": """
        select event_type, scheduled_date, scheduled_at_utc, original_scheduled_date, status,
               reference_period, has_projections
        from dim_macro_events
        where scheduled_date >= ? and scheduled_date <= ? + interval 60 day
        order by scheduled_date
    """,
    "prices": """
        select asset, date, close, sma_50w, drawdown_from_ath from fct_prices_daily
        where asset in ('BTC', 'ETH') and date <= ? and date > ? - interval 400 day order by date
    """,
    "etf_flows": """
        select date, net_flow_usd, outflow_streak_days from fct_etf_flows_asset_daily
        where asset = 'BTC' and date <= ? order by date desc limit 60
    """,
    "derivatives": """
        select asset, date, funding_rate_annualized, basis_annualized_front_quarter,
               open_interest_usd, atm_iv_7d, atm_iv_30d, dvol
        from fct_derivatives_daily
        where date <= ? and date > ? - interval 120 day order by date
    """,
    "liquidations": """
        select date, sum(liquidations_long_usd) as liquidations_long_usd,
               sum(liquidations_short_usd) as liquidations_short_usd
        from fct_derivatives_daily
        where date <= ? and date > ? - interval 60 day group by date order by date
    """,
    "market": """
        select date, fear_greed_value, btc_ndx_corr_30d, btc_ndx_corr_90d from fct_market_daily
        where date <= ? and date > ? - interval 365 day order by date
    """,
}


def _by_asset(rows: list[dict], column: str, *, scale: float = 1.0) -> list[dict]:
    """Long (asset, date, value) rows as one series per asset: {date, btc, eth}."""
    return [
        {
            "date": r["date"],
            "btc": r[column] * scale if r["asset"] == "BTC" and r[column] is not None else None,
            "eth": r[column] * scale if r["asset"] == "ETH" and r[column] is not None else None,
        }
        for r in rows
    ]


BTC_ETH = [("btc", "BTC", COLORS["btc"]), ("eth", "ETH", COLORS["eth"])]


def load_brief(conn: duckdb.DuckDBPyConnection, day: date | None = None) -> Brief:
    """Everything the brief shows, for ``day`` (default: the latest day of the pulse)."""
    if day is None:
        day = conn.execute(QUERIES["latest_day"]).fetchall()[0][0]
        if day is None:
            raise ValueError("fct_market_pulse_daily is empty: nothing to brief")
    pulse = _rows(conn, QUERIES["pulse"], [day])
    if not pulse:
        raise ValueError(f"no pulse row for {day}")
    brief = Brief(
        day,
        pulse[0],
        alerts=_rows(conn, QUERIES["alerts"], [day]),
        events=_rows(conn, QUERIES["events"], [day, day]),
    )
    prices = _rows(conn, QUERIES["prices"], [day, day])
    flows = _rows(conn, QUERIES["etf_flows"], [day])[::-1]
    for r in flows:
        r["in_streak"] = (r["outflow_streak_days"] or 0) >= 3
    derivatives = _rows(conn, QUERIES["derivatives"], [day, day])
    btc_derivatives = [r for r in derivatives if r["asset"] == "BTC"]
    market = _rows(conn, QUERIES["market"], [day, day])

    brief.charts = [
        _series_chart(
            "btc_sma50w",
            "BTC close and 50-week SMA (USD)",
            [r for r in prices if r["asset"] == "BTC"],
            [("close", "BTC close", COLORS["btc"]), ("sma_50w", "50-week SMA", COLORS["grey"])],
        ),
        _series_chart(
            "drawdown",
            "Drawdown from all-time high",
            _by_asset(prices, "drawdown_from_ath"),
            BTC_ETH,
            percent=True,
        ),
        _bar_chart(
            "etf_flows",
            "US spot BTC ETF net flows (last 60 trading days; dark red: outflow streak of 3+ days)",
            flows,
            "net_flow_usd",
            highlight="in_streak",
        ),
        _series_chart(
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
        _stacked_liquidations(_rows(conn, QUERIES["liquidations"], [day, day])),
        _series_chart(
            "open_interest",
            "Open interest (USD bn)",
            _by_asset(derivatives, "open_interest_usd", scale=1e-9),
            BTC_ETH,
        ),
        _series_chart(
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
        _series_chart(
            "fear_greed",
            "Crypto Fear & Greed (0 = extreme fear)",
            market,
            [("fear_greed_value", "Fear & Greed", COLORS["btc"])],
        ),
        _series_chart(
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
    return brief


def headline(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """A few lines for the terminal after a run: the latest BTC/ETH figures, the market and the
    pulse's regime (reads the marts of the warehouse or the BI copy)."""
    lines = []
    prices = _rows(
        conn,
        """
        select asset, date, close, drawdown_from_ath, distance_to_sma_50w, rsi_14
        from marts.fct_prices_daily
        where asset in ('BTC', 'ETH')
        qualify date = max(date) over (partition by asset)
        order by asset
        """,
    )
    for r in prices:
        line = f"{r['asset']} {r['date']}: close {_fmt(r['close'], 'price')}, "
        line += f"drawdown from ATH {_fmt(r['drawdown_from_ath'], 'pct')}"
        if r["distance_to_sma_50w"] is not None:
            line += f", vs 50-week SMA {_fmt(r['distance_to_sma_50w'], 'pct')}"
        if r["rsi_14"] is not None:
            line += f", RSI(14) {r['rsi_14']:.1f}"
        lines.append(line)
    market = _rows(
        conn,
        """
        select date, fear_greed_value, fear_greed_classification, btc_ndx_corr_30d, btc_dominance
        from marts.fct_market_daily order by date desc limit 1
        """,
    )
    for r in market:
        corr = "–" if r["btc_ndx_corr_30d"] is None else f"{r['btc_ndx_corr_30d']:.2f}"
        dominance = "–" if r["btc_dominance"] is None else f"{r['btc_dominance']:.1%}"
        lines.append(
            f"market {r['date']}: Fear & Greed {_fmt(r['fear_greed_value'])} "
            f"({_fmt(r['fear_greed_classification'])}), BTC-NDX corr 30d {corr}, "
            f"BTC dominance {dominance}"
        )
    pulse = _rows(
        conn,
        """
        select date, risk_regime, risk_score, active_alerts, stale_inputs
        from marts.fct_market_pulse_daily order by date desc limit 1
        """,
    )
    for r in pulse:
        stale = f", stale inputs: {r['stale_inputs']}" if r["stale_inputs"] else ""
        lines.append(
            f"pulse {r['date']}: {r['risk_regime']} (risk score {r['risk_score']}), "
            f"{r['active_alerts']} alerts{stale}"
        )
    return lines


def _fmt(value: object, kind: str = "") -> str:
    if value is None:
        return "–"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value:+.1%}"
    if kind == "vol" and isinstance(value, int | float):
        return f"{value:.1%}"
    if kind == "usd" and isinstance(value, int | float):
        sign = "-" if value < 0 else ""
        value = abs(value)
        return f"{sign}${value / 1e9:,.2f}bn" if value >= 1e9 else f"{sign}${value / 1e6:,.1f}m"
    if kind == "price" and isinstance(value, int | float):
        return f"${value:,.0f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return html.escape(str(value))


def render(brief: Brief) -> str:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["fmt"] = _fmt
    return env.get_template("risk_brief.html.j2").render(brief=brief, pulse=brief.pulse)


def write_brief(marts_path: Path, out_path: Path, day: date | None = None) -> Brief:
    """Render from a marts file (the BI copy) and replace ``out_path`` atomically."""
    from warehouse.connection import connect

    conn = connect(marts_path, read_only=True)
    try:
        brief = load_brief(conn, day)
    finally:
        conn.close()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.tmp")
    tmp.write_text(render(brief), encoding="utf-8")
    os.replace(tmp, out_path)
    return brief
