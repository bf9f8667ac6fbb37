"""CoinGlass sample: aggregated daily liquidations for BTC and ETH from the documented generator
in ``derivatives_synthetic`` (no public liquidation history exists; marked synthetic)."""

from __future__ import annotations

from pathlib import Path

from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders import derivatives_synthetic as synth
from tools.sample.builders.binance import write_json_gz

GENERATOR = "tools/sample/builders/derivatives_synthetic.py"


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    for coin in ("BTC", "ETH"):
        rows = [
            {
                "time": synth.day_ms(day),
                "aggregated_long_liquidation_usd": long,
                "aggregated_short_liquidation_usd": short,
            }
            for day, long, short in synth.liquidations(real_dir, coin)
        ]
        rel = f"coinglass/liquidations/{coin}.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                rel,
                "synthetic",
                GENERATOR,
                SAMPLE_START,
                SAMPLE_END,
                len(rows),
                "Generated from the real daily spot return r (seed 4104/4105): total = base x "
                "exp(k x min(|r|, cap)) x lognormal noise, long share = logistic(-r / 0.035) + "
                "noise "
                "(a -5% day: ~$0.8B BTC, ~80% longs). JSON numbers, as the aggregated endpoint "
                "sends.",
            )
        )
    return entries
