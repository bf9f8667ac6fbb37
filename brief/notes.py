"""The desk's morning notes in words, from the brief's rows: records ("highest since"), streaks,
levels, weekly closes and the aggregates the market notes quote. Plain text sentences, one per
figure, in the order a desk reads them; a figure the marts do not have is left out, never
guessed."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from brief.formatting import fmt

# metric of fct_pulse_records_daily -> (what it is, format kind, word for higher, for lower)
RECORD_WORDS: dict[str, tuple[str, str, str, str]] = {
    "btc_ndx_corr_30d": ("30-day BTC–Nasdaq-100 correlation", "", "highest", "lowest"),
    "btc_ndx_corr_90d": ("90-day BTC–Nasdaq-100 correlation", "", "highest", "lowest"),
    "fear_greed_value": ("Fear & Greed", "int", "highest", "lowest"),
    "btc_drawdown_from_ath": (
        "BTC drawdown from its all-time high",
        "pct",
        "shallowest",
        "deepest",
    ),
    "eth_drawdown_from_ath": (
        "ETH drawdown from its all-time high",
        "pct",
        "shallowest",
        "deepest",
    ),
    "btc_funding_rate_annualized": ("BTC funding (annualized)", "pct", "highest", "lowest"),
    "eth_funding_rate_annualized": ("ETH funding (annualized)", "pct", "highest", "lowest"),
    "btc_basis_annualized_front_quarter": (
        "BTC front-quarter basis (annualized)",
        "pct",
        "highest",
        "lowest",
    ),
    "eth_basis_annualized_front_quarter": (
        "ETH front-quarter basis (annualized)",
        "pct",
        "highest",
        "lowest",
    ),
    "btc_open_interest_usd": ("BTC open interest", "usd", "highest", "lowest"),
    "btc_atm_iv_7d": ("BTC 7-day ATM implied volatility", "vol", "highest", "lowest"),
    "btc_atm_iv_30d": ("BTC 30-day ATM implied volatility", "vol", "highest", "lowest"),
    "liquidations_total_usd": ("BTC+ETH liquidations", "usd", "highest", "lowest"),
    "btc_etf_net_flow_usd": ("BTC spot-ETF net flow", "flow", "largest inflow", "largest outflow"),
    "eth_etf_net_flow_usd": ("ETH spot-ETF net flow", "flow", "largest inflow", "largest outflow"),
    "etf_combined_net_flow_usd": (
        "Combined spot-ETF net flow",
        "flow",
        "largest inflow",
        "largest outflow",
    ),
}
# A record reaching back less than this is not worth a "since".
NOTABLE_DAYS = 30
# Said every morning; the other metrics only when their record reaches NOTABLE_DAYS back (the
# cards above the notes show every figure).
ALWAYS_SAID = {
    "btc_ndx_corr_30d",
    "fear_greed_value",
    "btc_etf_net_flow_usd",
    "eth_etf_net_flow_usd",
}
# Said in the combined flows' sentence instead of a record sentence of its own.
COMBINED = "etf_combined_net_flow_usd"
# Said in the streak sentence instead.
STREAKS = {"BTC": "btc_etf_outflow_streak_days", "ETH": "eth_etf_outflow_streak_days"}


def _value(value: float, kind: str) -> str:
    if kind == "int":
        return f"{value:.0f}"
    if kind == "flow":
        return ("+" if value > 0 else "") + fmt(value, "usd")
    return fmt(value, kind)


def since_phrase(record: Mapping[str, Any], higher: str, lower: str, *, signed: bool) -> str:
    """The more telling side of a record row: the one whose since-date lies further back (no
    since-date at all is a record over the whole history); for a ``signed`` figure (a flow)
    the side of its sign, so an outflow is never the "largest inflow". Empty when that date is
    under NOTABLE_DAYS back: "highest since last Tuesday" is no news."""
    first = record["first_date"]
    sides = [(record["highest_since"], higher), (record["lowest_since"], lower)]
    if signed:
        sides = [sides[0] if record["value"] >= 0 else sides[1]]
    if record["date"] == first:
        return f"first reading ({first})"
    for since, word in sides:
        if since is None:
            return f"{word} on record (since {first})"
    since, word = min(sides, key=lambda side: side[0])
    if (record["date"] - since).days < NOTABLE_DAYS:
        return ""
    return f"{word} since {since}"


def notable(record: Mapping[str, Any], metric: str) -> bool:
    _, kind, higher, lower = RECORD_WORDS[metric]
    return bool(since_phrase(record, higher, lower, signed=kind == "flow"))


def record_sentence(metric: str, record: Mapping[str, Any], day: date, *, detail: str = "") -> str:
    what, kind, higher, lower = RECORD_WORDS[metric]
    as_of = "" if record["date"] == day else f" (as of {record['date']})"
    phrase = since_phrase(record, higher, lower, signed=kind == "flow")
    phrase = f", {phrase}" if phrase else ""
    return f"{what} {_value(record['value'], kind)}{detail}{as_of}{phrase}."


def streak_sentence(asset: str, record: Mapping[str, Any], day: date) -> str | None:
    days = int(record["value"])
    if days < 2:
        return None
    as_of = "" if record["date"] == day else f" (as of {record['date']})"
    since = record["highest_since"]
    longest = (
        f"longest since {since}" if since else f"longest on record (since {record['first_date']})"
    )
    return f"{asset} spot-ETF outflow streak {days} trading days{as_of}, {longest}."


def level_sentence(asset: str, pulse: Mapping[str, Any], labels: Mapping[float, str]) -> str | None:
    prefix = asset.lower()
    close = pulse[f"{prefix}_close"]
    if close is None:
        return None
    parts = []
    above, below = pulse[f"{prefix}_nearest_level_above"], pulse[f"{prefix}_nearest_level_below"]
    if above is not None:
        distance = -pulse[f"{prefix}_distance_to_level_above"]
        parts.append(f"{distance:.1%} below the {above:,.0f} level{_label(labels, above)}")
    if below is not None:
        distance = pulse[f"{prefix}_distance_to_level_below"]
        parts.append(f"{distance:.1%} above the {below:,.0f} level{_label(labels, below)}")
    if not parts:
        return None
    return f"{asset} {fmt(close, 'price')}: " + ", ".join(parts) + "."


def _label(labels: Mapping[float, str], level: float) -> str:
    label = labels.get(level)
    return f" ({label})" if label else ""


def weekly_sentence(week: Mapping[str, Any], levels: list[Mapping[str, Any]]) -> str:
    asset, close = week["asset"], week["close"]
    text = f"{asset} weekly close {fmt(close, 'price')} (week to {week['week_end']}"
    if week["return_1w"] is not None:
        text += f", {week['return_1w']:+.1%} on the week"
    text += ")"
    sides = [
        f"{'above' if close >= level['level'] else 'below'} the {level['level']:,.0f} "
        "weekly-close level"
        for level in levels
        if level["asset"] == asset and level["kind"] == "weekly_close"
    ]
    return text + (", " + " and ".join(sides) if sides else "") + "."


def flow_sentences(pulse: Mapping[str, Any], combined: Mapping[str, Any] | None) -> list[str]:
    """Combined ETF flows (with their record, from the ``combined`` record row) and the
    largest seller per asset."""
    lines = []
    if pulse["etf_combined_net_flow_usd"] is not None:
        assets = pulse["etf_combined_assets"].replace(",", "+")
        five = pulse["etf_combined_flow_5d_usd"]
        text = (
            f"Spot ETFs combined ({assets}): {_value(pulse['etf_combined_net_flow_usd'], 'flow')} "
            f"on {pulse['etf_combined_flows_as_of']}"
        )
        if combined is not None and combined["date"] == pulse["etf_combined_flows_as_of"]:
            _, _, higher, lower = RECORD_WORDS[COMBINED]
            if phrase := since_phrase(combined, higher, lower, signed=True):
                text += f" ({phrase})"
        lines.append(text + (f", {_value(five, 'flow')} over 5 trading days." if five else "."))
    sellers = [
        f"{asset} {pulse[f'{p}_etf_largest_outflow_ticker']} "
        f"{fmt(pulse[f'{p}_etf_largest_outflow_usd'], 'usd')} ({pulse[as_of]})"
        for asset, p, as_of in (
            ("BTC", "btc", "etf_flows_as_of"),
            ("ETH", "eth", "eth_etf_flows_as_of"),
        )
        if pulse[f"{p}_etf_largest_outflow_ticker"] is not None
    ]
    if sellers:
        lines.append("Largest ETF sellers: " + "; ".join(sellers) + ".")
    return lines


def market_sentences(pulse: Mapping[str, Any]) -> list[str]:
    lines = []
    total = pulse["total_market_cap_usd"]
    if total is not None:
        text = f"Total crypto market cap {fmt(total, 'usd')}"
        for days in (7, 30):
            change = pulse[f"total_market_cap_change_{days}d_usd"]
            if change is not None:
                text += f", {_value(change, 'usd')} over {days} days"
        since_ath = pulse["total_market_cap_change_since_ath_usd"]
        if since_ath is not None and since_ath < 0:
            text += (
                f", down {fmt(-since_ath, 'usd')} "
                f"({pulse['total_market_cap_drawdown_from_ath']:+.1%}) since its high of "
                f"{pulse['total_market_cap_ath_date']}"
            )
        lines.append(text + ".")
    if pulse["eth_btc_ratio"] is not None:
        change = pulse["eth_btc_change_1d"]
        lines.append(
            f"ETH/BTC {pulse['eth_btc_ratio']:.4f}"
            + (f", {change:+.1%} on the day." if change is not None else ".")
        )
    return lines


def desk_notes(rows: Mapping[str, Any]) -> list[str]:
    """The sentences of ``rows`` (``warehouse.brief_queries.brief_rows``): its ``pulse``,
    ``records`` (each metric's latest row of fct_pulse_records_daily on or before the day),
    ``weekly`` (the last completed week per asset) and ``levels`` (dim_price_levels)."""
    day, pulse = rows["day"], rows["pulse"]
    records = {r["metric"]: r for r in rows["records"]}
    label = pulse["fear_greed_classification"]
    details = {"fear_greed_value": f" ({label})"} if label else {}
    lines = [
        record_sentence(metric, records[metric], day, detail=details.get(metric, ""))
        for metric in RECORD_WORDS
        if metric in records
        and metric != COMBINED
        and (metric in ALWAYS_SAID or notable(records[metric], metric))
    ]
    for asset, metric in STREAKS.items():
        if metric in records and (line := streak_sentence(asset, records[metric], day)):
            lines.append(line)
    lines.extend(flow_sentences(pulse, records.get(COMBINED)))
    for asset in ("BTC", "ETH"):
        labels = {lv["level"]: lv["label"] for lv in rows["levels"] if lv["asset"] == asset}
        if line := level_sentence(asset, pulse, labels):
            lines.append(line)
    lines.extend(weekly_sentence(week, rows["levels"]) for week in rows["weekly"])
    lines.extend(market_sentences(pulse))
    return lines
