"""Rebuild the bundled sample from the real public history (developers only).

python -m tools.sample.build --real ../shared/data/real [--only binance]
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from ingestion.sample.manifest import write_manifest

# The payloads live in the runtime package's source tree; the builders write there, never into
# an installed copy.
SAMPLE_DIR = Path(__file__).resolve().parents[2] / "ingestion" / "sample"

BUILDERS = (
    "binance",
    "alternative_me",
    "fred",
    "coingecko",
    "farside",
    "bybit",
    "deribit",
    "coinglass",
    "bls",
    "fed",
)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--real", type=Path, required=True, help="folder of real history")
    parser.add_argument("--only", nargs="*", help="sources to rebuild (default: all)")
    args = parser.parse_args(argv)
    for source in args.only or BUILDERS:
        builder = importlib.import_module(f"tools.sample.builders.{source}")
        entries = builder.build(args.real.resolve(), SAMPLE_DIR)
        path = write_manifest(SAMPLE_DIR, source, entries)
        print(f"{source}: {len(entries)} files -> {path}")


if __name__ == "__main__":
    main()
