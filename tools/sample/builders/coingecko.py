"""One CoinGecko ``/global`` snapshot per day, derived from real series: there is no public
history of CoinGecko's own snapshots (the endpoint only knows *now*).

- total market cap: the estimate in market_cap/derived/total_mcap_estimate_from_btc_dominance.csv
  (BTC close x supply estimate / BTC dominance; TradingView's TOTAL universe, ~0.5% error);
- BTC share: TradingView CRYPTOCAP:BTC.D daily close (kalyar197/eth-dashboard btc_dominance.json);
- ETH share: Binance ETHUSDT daily close x ``ETH_SUPPLY_EST`` / that total;
- total volume and the coin count: no real figures, left out (the parser reads them as null);
- days after the estimate ends (2025-11-15): the same rule, BTC.D carried forward.
"""

from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from ingestion.coingecko.replay import SAMPLE_FILE
from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START, ManifestEntry
from tools.sample.builders.binance import write_json_gz

MARKET_CAP = Path("market_cap")
TOTAL_FILE = MARKET_CAP / "derived" / "total_mcap_estimate_from_btc_dominance.csv"
BTC_DOMINANCE_FILE = MARKET_CAP / "kalyar197_eth-dashboard" / "btc_dominance.json"
OHLCV = Path("ohlcv") / "binance_spot_jirayuwannagul"
ETH_FILE = OHLCV / "ETHUSDT_1d.csv"
BTC_FILE = OHLCV / "BTCUSDT_1d.csv"
# The estimate's supply rule after the 2024-04-20 halving (see the real data's PROVENANCE.md).
BTC_ISSUED_PER_DAY = 450
# Circulating ETH stayed within ~120.0M..120.8M through 2024-2025 (near-flat issuance after the
# Merge): one constant keeps the derived ETH share within ~0.5% of its level.
ETH_SUPPLY_EST = Decimal(120_400_000)
# The daily values are closes of the UTC day: the snapshot is stamped just before the day ends,
# so its UTC day (the row's date) is the day whose close it carries.
SNAPSHOT_TIME = time(23, 50)


def _closes(path: Path) -> dict[date, Decimal]:
    with path.open() as fh:
        return {
            date.fromisoformat(r["open_time"][:10]): Decimal(r["close"]) for r in csv.DictReader(fh)
        }


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    btc_share = {
        datetime.fromtimestamp(ms / 1000, tz=UTC).date(): pct
        for ms, pct in json.loads((real_dir / BTC_DOMINANCE_FILE).read_text())
    }
    eth_close, btc_close = _closes(real_dir / ETH_FILE), _closes(real_dir / BTC_FILE)
    totals: dict[date, Decimal] = {}
    last_supply = Decimal(0)
    with (real_dir / TOTAL_FILE).open() as fh:
        for rec in csv.DictReader(fh):
            if SAMPLE_START <= rec["date"] <= SAMPLE_END:
                totals[date.fromisoformat(rec["date"])] = Decimal(rec["total_mcap_est_usd"])
                last_supply = Decimal(rec["btc_supply_est"])
    # The estimate and BTC.D stop at 2025-11-14, a day short of the sample window: extend the
    # estimate with the same rule, carrying the last BTC.D forward (documented in the manifest).
    extended: list[date] = []
    day, last_share = max(totals), btc_share[max(totals)]
    while (day := day + timedelta(days=1)) <= date.fromisoformat(SAMPLE_END):
        last_supply += BTC_ISSUED_PER_DAY
        btc_share.setdefault(day, last_share)
        totals[day] = btc_close[day] * last_supply / (Decimal(str(btc_share[day])) / 100)
        extended.append(day)
    snapshots: dict[str, dict] = {}
    for day, total in sorted(totals.items()):
        eth_pct = eth_close[day] * ETH_SUPPLY_EST / total * 100
        updated_at = datetime.combine(day, SNAPSHOT_TIME, tzinfo=UTC)
        snapshots[day.isoformat()] = {
            "data": {
                "total_market_cap": {"usd": int(total)},
                "total_volume": {},
                "market_cap_percentage": {
                    "btc": round(btc_share[day], 6),
                    "eth": round(float(eth_pct), 6),
                },
                "updated_at": int(updated_at.timestamp()),
            }
        }
    write_json_gz(out_dir / SAMPLE_FILE, snapshots)
    days = sorted(snapshots)
    carried = ", ".join(d.isoformat() for d in extended) or "none"
    return [
        ManifestEntry(
            file=SAMPLE_FILE,
            kind="derived",
            origin=f"shared/data/real/{TOTAL_FILE} (derived estimate) + shared/data/real/"
            f"{BTC_DOMINANCE_FILE} (TradingView BTC.D, git copy) + shared/data/real/{OHLCV} "
            "ETHUSDT and BTCUSDT daily closes (Binance, git copy)",
            first_date=days[0],
            last_date=days[-1],
            rows=len(days),
            notes="One /global body per UTC day, keyed by date; the replay serves the day's "
            "snapshot (HTTP 404 error JSON for a day without one). NOT CoinGecko "
            "data: total_market_cap.usd is an ESTIMATE (BTC close x supply estimate / BTC.D, "
            "TradingView's TOTAL universe, ~0.5% error); market_cap_percentage.btc is TradingView "
            "CRYPTOCAP:BTC.D (real, another provider's universe); market_cap_percentage.eth is "
            f"DERIVED as Binance ETHUSDT close x {ETH_SUPPLY_EST:,} ETH (constant supply estimate, "
            "~0.5% error) / that total; total_volume.usd and active_cryptocurrencies are absent "
            "(no real figures) and parse as null. updated_at is 23:50 UTC of the day whose "
            "closes the snapshot carries. The estimate and BTC.D end 2025-11-14; for the "
            f"remaining sample days ({carried}) the total uses the same rule (Binance BTC close x "
            f"supply +{BTC_ISSUED_PER_DAY} BTC/day) with BTC.D carried forward from 2025-11-14.",
        )
    ]
