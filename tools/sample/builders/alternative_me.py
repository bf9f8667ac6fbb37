"""Fear & Greed history from the real alternative.me dump
(edwardchin811227/cryptofear-and-greed-index, ``/fng/?limit=0`` saved as CSV), re-rendered in the
``/fng/`` wire format."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from ingestion.alternative_me.replay import SAMPLE_FILE
from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders.binance import write_json_gz

ORIGIN = "shared/data/real/fear_greed/fng.csv (alternative.me /fng/?limit=0, git copy)"


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    records = []
    with (real_dir / "fear_greed" / "fng.csv").open() as fh:
        for rec in csv.DictReader(fh):
            if not SAMPLE_START <= rec["date"] <= SAMPLE_END:
                continue
            value = Decimal(rec["value"])
            if value != value.to_integral_value():
                raise ValueError(f"fng.csv {rec['date']}: non-integer index value {rec['value']}")
            records.append(
                {
                    "value": str(int(value)),
                    "value_classification": rec["classification"],
                    "timestamp": rec["timestamp"],
                }
            )
    records.sort(key=lambda r: int(r["timestamp"]), reverse=True)  # the API is newest first
    write_json_gz(
        out_dir / SAMPLE_FILE,
        {"name": "Fear and Greed Index", "data": records, "metadata": {"error": None}},
    )
    return [
        ManifestEntry(
            file=SAMPLE_FILE,
            kind="real",
            origin=ORIGIN,
            first_date=SAMPLE_START,
            last_date=SAMPLE_END,
            rows=len(records),
            notes="Values, labels and timestamps as published; the CSV's float values (e.g. 47.0) "
            "are served as the API's integer strings. 2024-10-26 is missing at the source and "
            "stays missing. The replay serves `limit` records counting back from the simulated "
            "day, newest first, with time_until_update on the first.",
        )
    ]
