"""How values read in the brief and the headline: plain text, never HTML (the page's template
escapes everything it prints exactly once)."""

from __future__ import annotations


def fmt(value: object, kind: str = "") -> str:
    """``kind``: ``pct`` (signed percent), ``vol`` (percent), ``usd`` ($m/$bn/$tn), ``price``
    (whole dollars); otherwise floats with two decimals and anything else as ``str``."""
    if value is None:
        return "–"
    if kind == "pct" and isinstance(value, int | float):
        return f"{value:+.1%}"
    if kind == "vol" and isinstance(value, int | float):
        return f"{value:.1%}"
    if kind == "usd" and isinstance(value, int | float):
        sign = "-" if value < 0 else ""
        value = abs(value)
        if value >= 1e12:
            return f"{sign}${value / 1e12:,.2f}tn"
        return f"{sign}${value / 1e9:,.2f}bn" if value >= 1e9 else f"{sign}${value / 1e6:,.1f}m"
    if kind == "price" and isinstance(value, int | float):
        return f"${value:,.0f}"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)
