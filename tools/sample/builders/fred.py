"""FRED series in fredgraph.csv format: NASDAQ100 from a transcription of FRED's own series
(MJIH-market/macro-dashboard), SP500 and VIXCLS from Yahoo-style closes (twitter-bot-tech/
btc-funding-arb) standing in for the FRED series. Weekdays without a value (US holidays) are
rendered as ``.`` rows, as FRED does."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

from ingestion.fred.replay import sample_file
from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry

MACRO = Path("macro_market")
NDX_FILE = MACRO / "NDX_fred_NASDAQ100_2024-01-02_2025-12-31_transcribed.csv"
YAHOO_FILES = {
    "SP500": (MACRO / "btc-funding-arb" / "macro_spx.csv", "spx_close"),
    "VIXCLS": (MACRO / "btc-funding-arb" / "macro_vix.csv", "vix_close"),
}


def _weekdays(first: date, last: date) -> list[date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def _write(
    out_dir: Path, series_id: str, values: dict[date, str], first: date
) -> tuple[str, int, int]:
    """FRED's shape: every weekday from ``first`` to the sample end, ``.`` where no value."""
    last = date.fromisoformat(SAMPLE_END)
    days = _weekdays(first, last)
    extra = sorted(d for d in values if d.weekday() >= 5)
    if extra:
        raise ValueError(f"{series_id}: weekend observations {extra[:3]}")
    lines = ["observation_date," + series_id] + [
        f"{d.isoformat()},{values.get(d, '.')}" for d in days
    ]
    rel = sample_file(series_id)
    path = out_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")
    return rel, len(days), sum(1 for d in days if d not in values)


def _in_window(day: date) -> bool:
    return date.fromisoformat(SAMPLE_START) <= day <= date.fromisoformat(SAMPLE_END)


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    ndx: dict[date, str] = {}
    with (real_dir / NDX_FILE).open() as fh:
        for rec in csv.DictReader(fh):
            day = date.fromisoformat(rec["date"])
            if rec["source"] != "fred:NASDAQ100":
                raise ValueError(f"{NDX_FILE}: unexpected source {rec['source']!r} on {day}")
            if _in_window(day):
                ndx[day] = f"{Decimal(rec['value']):.2f}"
    rel, rows, holidays = _write(out_dir, "NASDAQ100", ndx, date.fromisoformat(SAMPLE_START))
    entries.append(
        ManifestEntry(
            file=rel,
            kind="real",
            origin=f"shared/data/real/{NDX_FILE} (FRED NASDAQ100, transcribed from "
            "MJIH-market/macro-dashboard data/NDX.csv)",
            first_date=SAMPLE_START,
            last_date=SAMPLE_END,
            rows=rows,
            notes=f"Closes are FRED's. The source lists trading days only: the {holidays} weekdays "
            "without a value (US market holidays) are rendered as '.' rows, as FRED does.",
        )
    )
    for series_id, (rel_csv, column) in YAHOO_FILES.items():
        values: dict[date, str] = {}
        with (real_dir / rel_csv).open() as fh:
            for rec in csv.DictReader(fh):
                day = date.fromisoformat(rec["date"])
                if _in_window(day) and rec[column]:
                    close = Decimal(rec[column]).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
                    values[day] = str(close)
        first = min(values)
        rel, rows, holidays = _write(out_dir, series_id, values, first)
        entries.append(
            ManifestEntry(
                file=rel,
                kind="derived",
                origin=f"shared/data/real/{rel_csv} (twitter-bot-tech/btc-funding-arb, "
                "yfinance-style closes, git copy)",
                first_date=first.isoformat(),
                last_date=SAMPLE_END,
                rows=rows,
                notes=f"Yahoo Finance closes standing in for the FRED series {series_id}, rounded "
                f"to 2 decimals; they may differ from FRED's published values in the last digits. "
                f"The source starts {first.isoformat()} (no earlier history in the sample). "
                f"{holidays} weekdays without a close are rendered as '.' rows, as FRED does.",
            )
        )
    return entries
