"""Deribit sample: the real BTC DVOL daily close (kalyar197/eth-dashboard ``dvol_btc.json``);
ETH DVOL and the daily option/future book-summary snapshots from the documented generator in
``derivatives_synthetic`` (marked synthetic)."""

from __future__ import annotations

from pathlib import Path

from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders import derivatives_synthetic as synth
from tools.sample.builders.binance import write_json_gz

ORIGIN = (
    "shared/data/real/derivatives/kalyar197_eth-dashboard/dvol_btc.json "
    "(kalyar197/eth-dashboard @7f581ec)"
)
GENERATOR = "tools/sample/builders/derivatives_synthetic.py"


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    for currency, series, kind, origin, notes in (
        (
            "BTC",
            synth.btc_dvol(real_dir),
            "real",
            ORIGIN,
            "Real daily DVOL close; the file has only the close, so open/high/low are served "
            "equal to "
            "it (derived). Gaps as in the source: 2025-11-11 and 2025-11-13..15 are missing.",
        ),
        (
            "ETH",
            synth.eth_dvol(real_dir),
            "synthetic",
            GENERATOR,
            "Generated: real BTC DVOL x (1.25 + AR(1) noise), seed 4106; same gaps as BTC.",
        ),
    ):
        rows = [[synth.day_ms(day), v, v, v, v] for day, v in sorted(series.items())]
        rel = f"deribit/volatility_index/{currency}.json.gz"
        write_json_gz(out_dir / rel, rows)
        first = min(series).isoformat()
        entries.append(
            ManifestEntry(rel, kind, origin, first, max(series).isoformat(), len(rows), notes)
        )

    rng = synth.Rng(synth.SEEDS["book"])
    state: dict = {}
    books: dict[tuple[str, str], dict[str, list[dict]]] = {}
    for day in synth.days():
        for currency in ("BTC", "ETH"):
            for kind, objects in synth.book(real_dir, currency, day, rng, state).items():
                books.setdefault((currency, kind), {})[day.isoformat()] = objects
    for (currency, kind), by_day in sorted(books.items()):
        rel = f"deribit/book_summaries/{currency}_{kind}.json.gz"
        write_json_gz(out_dir / rel, by_day)
        entries.append(
            ManifestEntry(
                rel,
                "synthetic",
                GENERATOR,
                SAMPLE_START,
                SAMPLE_END,
                sum(map(len, by_day.values())),
                "Generated daily snapshot (seed 4107), keyed by the UTC day it closes (taken "
                "00:05 the next day): strikes around the real spot close, ATM IV anchored to "
                "that day's DVOL at 30 days, 7d = 30d x (1 + s) with s = -0.07 in calm markets "
                "(contango), raised by large 1-day/7-day spot drops, a deep fall under the 30-day "
                "high and DVOL jumps (inverted "
                "only under stress; rule in derivatives_synthetic.py); ~1% null mark_iv; a "
                "BTC-FS- spread under futures.",
            )
        )
    return entries
