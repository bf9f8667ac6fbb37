"""Binance spot klines from the real daily OHLCV CSVs (jirayuwannagul-tech/wave-structure-engine)."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ingestion.binance.client import SPOT_SYMBOLS
from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry

ORIGIN = "shared/data/real/ohlcv/binance_spot_jirayuwannagul (Binance spot 1d klines, git copy)"


def _ms(text: str) -> int:
    return int(datetime.fromisoformat(text).timestamp() * 1000)


def _fmt(value: str) -> str:
    return f"{Decimal(value):.8f}"


def write_json_gz(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(obj, separators=(",", ":")).encode()
    path.write_bytes(gzip.compress(raw, mtime=0))


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    for symbol in SPOT_SYMBOLS:
        source_csv = real_dir / "ohlcv" / "binance_spot_jirayuwannagul" / f"{symbol}_1d.csv"
        rows = []
        with source_csv.open() as fh:
            for rec in csv.DictReader(fh):
                day = rec["open_time"][:10]
                if not SAMPLE_START <= day <= SAMPLE_END:
                    continue
                rows.append(
                    [
                        _ms(rec["open_time"]),
                        _fmt(rec["open"]),
                        _fmt(rec["high"]),
                        _fmt(rec["low"]),
                        _fmt(rec["close"]),
                        _fmt(rec["volume"]),
                        _ms(rec["close_time"]),
                        _fmt(rec["quote_asset_volume"]),
                        int(rec["number_of_trades"]),
                        "0",
                        "0",
                        "0",
                    ]
                )
        rel = f"binance/spot_klines/{symbol}.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                file=rel,
                kind="real",
                origin=ORIGIN,
                first_date=SAMPLE_START,
                last_date=SAMPLE_END,
                rows=len(rows),
                notes="OHLCV, quote volume and trade count are real; taker-buy columns are not "
                "in the source file and are served as \"0\" (unused downstream).",
            )
        )
    return entries
