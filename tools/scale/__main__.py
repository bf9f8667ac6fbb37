"""python -m tools.scale --factor 10|100 --out DIR [--start 2018-01-01] [--seed N]"""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from tools.scale.generate import DEFAULT_SEED, DEFAULT_START, generate, summary

DEFAULT_OUT = Path(__file__).resolve().parents[2] / "data" / "scale"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.scale",
        description="Write a deterministic scaled sample (bundled layout and wire formats).",
    )
    parser.add_argument(
        "--factor", type=int, required=True, help="times the bundled rows (10, 100)"
    )
    parser.add_argument(
        "--out", type=Path, help=f"output dir, emptied first (default {DEFAULT_OUT}/<factor>x)"
    )
    parser.add_argument("--start", type=date.fromisoformat, default=DEFAULT_START)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    out = (args.out or DEFAULT_OUT / f"{args.factor}x").resolve()
    t0 = time.perf_counter()
    rows = generate(out, args.factor, start=args.start, seed=args.seed)
    print(summary(rows, args.factor))
    print(f"wrote {out} in {time.perf_counter() - t0:.1f}s")
    print(f"run it: CRW_SAMPLE_DIR={out} CRW_UNIVERSE_FILE={out}/universe.yml crw run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
