"""A few lines for the terminal after a run: the latest BTC/ETH figures, the market and the
pulse's regime, from ``warehouse.brief_queries.headline_rows``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from brief.formatting import fmt


def headline(rows: Mapping[str, list[dict[str, Any]]]) -> list[str]:
    lines = []
    for r in rows["prices"]:
        line = f"{r['asset']} {r['date']}: close {fmt(r['close'], 'price')}, "
        line += f"drawdown from ATH {fmt(r['drawdown_from_ath'], 'pct')}"
        if r["distance_to_sma_50w"] is not None:
            line += f", vs 50-week SMA {fmt(r['distance_to_sma_50w'], 'pct')}"
        if r["rsi_14"] is not None:
            line += f", RSI(14) {r['rsi_14']:.1f}"
        lines.append(line)
    for r in rows["market"]:
        corr = "–" if r["btc_ndx_corr_30d"] is None else f"{r['btc_ndx_corr_30d']:.2f}"
        dominance = "–" if r["btc_dominance"] is None else f"{r['btc_dominance']:.1%}"
        lines.append(
            f"market {r['date']}: Fear & Greed {fmt(r['fear_greed_value'])} "
            f"({fmt(r['fear_greed_classification'])}), BTC-NDX corr 30d {corr}, "
            f"BTC dominance {dominance}"
        )
    for r in rows["pulse"]:
        stale = f", stale inputs: {r['stale_inputs']}" if r["stale_inputs"] else ""
        lines.append(
            f"pulse {r['date']}: {r['risk_regime']} (risk score {r['risk_score']}), "
            f"{r['active_alerts']} alerts{stale}"
        )
    return lines
