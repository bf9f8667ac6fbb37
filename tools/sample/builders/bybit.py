"""Bybit sample: real BTCUSDT funding prints (twitter-bot-tech/btc-funding-arb
``funding_bybit_btc.csv``); ETH funding and open interest from the documented generator in
``derivatives_synthetic`` (marked synthetic)."""

from __future__ import annotations

import csv
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders import derivatives_synthetic as synth
from tools.sample.builders.binance import write_json_gz

REAL_FUNDING = Path("derivatives") / "btc-funding-arb" / "funding_bybit_btc.csv"
ORIGIN = (
    "shared/data/real/derivatives/btc-funding-arb/funding_bybit_btc.csv "
    "(twitter-bot-tech/btc-funding-arb @16e0006)"
)
GENERATOR = "tools/sample/builders/derivatives_synthetic.py"


def _rate(value: float | str) -> str:
    # Bybit renders rates without trailing zeros ("0.0001", "-0.00002779").
    text = format(Decimal(str(value)).quantize(Decimal("1e-8")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    btc = []
    with (real_dir / REAL_FUNDING).open() as fh:
        for rec in csv.DictReader(fh):
            moment = datetime.fromisoformat(rec["ts"])
            if SAMPLE_START <= moment.date().isoformat() <= SAMPLE_END:
                btc.append(
                    {
                        "symbol": "BTCUSDT",
                        "fundingRate": _rate(rec["fundingRate"]),
                        "fundingRateTimestamp": str(synth.ms(moment)),
                    }
                )
    write_json_gz(out_dir / "bybit/funding_rates/BTCUSDT.json.gz", btc)
    entries.append(
        ManifestEntry(
            "bybit/funding_rates/BTCUSDT.json.gz",
            "real",
            ORIGIN,
            SAMPLE_START,
            SAMPLE_END,
            len(btc),
            "Bybit linear BTCUSDT funding prints (8h); stored oldest first, the replay serves "
            "them newest "
            "first in the v5 envelope as the API does.",
        )
    )
    eth = [
        {"symbol": "ETHUSDT", "fundingRate": _rate(f"{rate:.8f}"), "fundingRateTimestamp": str(t)}
        for t, rate in synth.bybit_eth_funding(real_dir)
    ]
    write_json_gz(out_dir / "bybit/funding_rates/ETHUSDT.json.gz", eth)
    entries.append(
        ManifestEntry(
            "bybit/funding_rates/ETHUSDT.json.gz",
            "synthetic",
            GENERATOR,
            SAMPLE_START,
            SAMPLE_END,
            len(eth),
            "Generated: the synthetic Binance ETH print x (1 + 5% noise), seed 4102.",
        )
    )
    oi = synth.open_interest(real_dir)
    for asset in ("BTC", "ETH"):
        rows = [
            {"openInterest": f"{coins:.8f}", "timestamp": str(synth.day_ms(day))}
            for day, coins in sorted(oi[("bybit", asset)].items())
        ]
        rel = f"bybit/open_interest/{asset}USDT.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                rel,
                "synthetic",
                GENERATOR,
                SAMPLE_START,
                SAMPLE_END,
                len(rows),
                "Generated daily coin OI (seed 4103; Bybit's ~45% share of the two-venue total "
                "anchored "
                "to the notes' $26.0B -> $25.3B for BTC on 2025-11-13/14).",
            )
        )
    return entries
