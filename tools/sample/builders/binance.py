"""Binance sample: spot klines from the real daily OHLCV CSVs
(jirayuwannagul-tech/wave-structure-engine);
USD-M futures from the real BTC derivatives history (twitter-bot-tech/btc-funding-arb) and, for
what has no public history (ETH funding, open interest, ETH quarterlies), the documented generator
in ``derivatives_synthetic``."""

from __future__ import annotations

import csv
import gzip
import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders import derivatives_synthetic as synth

# The coins the bundled sample carries (the real history has these five; universe.yml's default
# spot list is the same, and can only name coins a sample carries in sample mode).
SPOT_SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT")

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
    return build_spot(real_dir, out_dir) + build_futures(real_dir, out_dir)


def build_spot(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
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
                'in the source file and are served as "0" (unused downstream).',
            )
        )
    return entries


FUTURES_ORIGIN = (
    "shared/data/real/derivatives/btc-funding-arb (twitter-bot-tech/btc-funding-arb @16e0006)"
)


def _rate(value: float | str) -> str:
    return f"{Decimal(str(value)):.8f}"


def _kline(day_ms: int, o: float, h: float, low: float, c: float, volume: float) -> list:
    return [
        day_ms,
        _fmt(str(o)),
        _fmt(str(h)),
        _fmt(str(low)),
        _fmt(str(c)),
        _fmt(str(volume)),
        day_ms + 86_400_000 - 1,
        "0",
        0,
        "0",
        "0",
        "0",
    ]


def build_futures(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    entries = []
    first, last = SAMPLE_START, SAMPLE_END

    btc = [
        {
            "symbol": "BTCUSDT",
            "fundingRate": _rate(rate),
            "fundingTime": t,
            "markPrice": _fmt(mark) if mark else "",
        }
        for t, rate, mark in synth.btc_funding(real_dir)
    ]
    write_json_gz(out_dir / "binance/funding_rates/BTCUSDT.json.gz", btc)
    entries.append(
        ManifestEntry(
            "binance/funding_rates/BTCUSDT.json.gz",
            "real",
            FUTURES_ORIGIN + " data/funding_btcusdt.csv",
            first,
            last,
            len(btc),
            "Binance USD-M BTCUSDT funding prints (8h), fundingTime to the ms as in the file "
            "(some are "
            ".001 s past the hour, the live quirk); rates re-rendered as 8-decimal strings like "
            "the API.",
        )
    )
    eth = [
        {
            "symbol": "ETHUSDT",
            "fundingRate": _rate(f"{rate:.8f}"),
            "fundingTime": t,
            "markPrice": "",
        }
        for t, rate in synth.eth_funding(real_dir)
    ]
    write_json_gz(out_dir / "binance/funding_rates/ETHUSDT.json.gz", eth)
    entries.append(
        ManifestEntry(
            "binance/funding_rates/ETHUSDT.json.gz",
            "synthetic",
            "tools/sample/builders/derivatives_synthetic.py",
            first,
            last,
            len(eth),
            "Generated: real BTC print of the same hour x AR(1) ratio ~1 + noise (seed 4101); "
            "markPrice "
            "empty (as on old live prints).",
        )
    )

    oi = synth.open_interest(real_dir)
    for asset in ("BTC", "ETH"):
        opens = synth.spot(real_dir, asset)
        rows = [
            {
                "symbol": f"{asset}USDT",
                "sumOpenInterest": f"{coins:.8f}",
                "sumOpenInterestValue": f"{coins * opens[day][0]:.8f}",
                "timestamp": synth.day_ms(day),
            }
            for day, coins in sorted(oi[("binance", asset)].items())
        ]
        rel = f"binance/open_interest/{asset}USDT.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                rel,
                "synthetic",
                "tools/sample/builders/derivatives_synthetic.py",
                first,
                last,
                len(rows),
                "Generated daily OI (coin: log random walk, seed 4103, anchored to the notes' "
                "$26.0B -> "
                "$25.3B BTC total of both venues on 2025-11-13/14); USD = coin x real spot open. "
                "The "
                "replay serves the whole history (live serves ~30 days).",
            )
        )

    by_symbol: dict[str, list[list]] = {}
    for rec in synth.btc_quarterly(real_dir):
        day_ms = _ms(rec["openTime"])
        by_symbol.setdefault(rec["symbol"], []).append(
            _kline(day_ms, rec["open"], rec["high"], rec["low"], rec["close"], rec["volume"])
        )
    for symbol, rows in sorted(by_symbol.items()):
        rel = f"binance/futures_klines/{symbol}.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                rel,
                "real",
                FUTURES_ORIGIN + " data/quarterly_btc.csv",
                _day(rows[0][0]),
                _day(rows[-1][0]),
                len(rows),
                "Real daily OHLC and base volume of the quarterly delivery contract; quote "
                "volume, trade "
                'count and taker columns are not in the file and are served as "0"/0.',
            )
        )
    eth_rows: dict[str, list[list]] = {}
    for rec in synth.eth_quarterly(real_dir):
        eth_rows.setdefault(rec["symbol"], []).append(
            _kline(
                synth.day_ms(rec["day"]),
                rec["open"],
                rec["high"],
                rec["low"],
                rec["close"],
                rec["volume"],
            )
        )
    for symbol, rows in sorted(eth_rows.items()):
        rel = f"binance/futures_klines/{symbol}.json.gz"
        write_json_gz(out_dir / rel, rows)
        entries.append(
            ManifestEntry(
                rel,
                "synthetic",
                "tools/sample/builders/derivatives_synthetic.py",
                _day(rows[0][0]),
                _day(rows[-1][0]),
                len(rows),
                "Generated: real ETH spot x (1 + real BTC basis of the same expiry that day x a "
                "per-contract factor, seed 4105).",
            )
        )
    return entries


def _day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).date().isoformat()
