"""The scaled-sample generator: the bundled sample's real window spliced onto seeded synthetic
history, and seeded synthetic coins, written in the bundled layout and wire formats.

Every series is the bundled one where the bundle has it (its rows kept byte-for-byte in value)
with synthetic rows before its first one; a made-up coin (``C0001``...) is synthetic throughout.
Prices are geometric random walks (a real coin's walk runs backwards from its first real open,
so the splice is continuous); funding prints every 8 hours, open interest daily; quarterly
futures only for BTC and ETH; option chains are the bundled chains carried to earlier days in
moneyness (strikes and the underlying rescaled, premiums in coin units kept), widened with extra
strikes until the sample holds ``factor`` times the bundled rows. Files are gzipped with a fixed
mtime, so a seed gives the same bytes.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from ingestion.binance.client import QUARTERLY_LISTED_DAYS, quarterly_expiries, quarterly_symbol
from ingestion.replay import RECENT, bundled_sample_dir
from ingestion.sample.manifest import (
    SAMPLE_END,
    ManifestEntry,
    read_manifest,
    write_manifest,
    write_window,
)

DEFAULT_START = date(2018, 1, 1)
DEFAULT_SEED = 20180101
DEFAULT_SPOT = ("BTC", "ETH", "SOL", "XRP", "ADA")
DEFAULT_PERPETUALS = ("BTC", "ETH")
DAY_MS = 86_400_000
RECENT_DAYS = 35
ORIGIN = "tools/scale/generate.py"
# Sources copied as bundled: versioned pages and calendars (a Farside page, a FRED series and
# the release calendars are the same whatever the universe; the calendars' oldest version is
# also served from the first day, see _copy_versioned).
COPIED = ("farside", "fred", "bls", "fed")


def spot_count(factor: int) -> int:
    return len(DEFAULT_SPOT) * factor


def perpetual_count(factor: int) -> int:
    """Perpetuals per venue: 20 at 10x, 100 at 100x."""
    return len(DEFAULT_PERPETUALS) * factor if factor <= 10 else factor


def _ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def _day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).date()


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _f(x: float, places: int = 8) -> str:
    return f"{x:.{places}f}"


def write_gz(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = orjson.dumps(obj)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as gz,
    ):
        gz.write(data)


def write_series(plan: Plan, relative: str, rows: list, time_of: Callable[[Any], int]) -> None:
    """A time series file, and its last RECENT_DAYS in the replay's index (``recent/``): every
    row from the index's first on, so a daily run's page does not parse the whole history."""
    write_gz(plan.out / relative, rows)
    since = _ms(plan.end - timedelta(days=RECENT_DAYS))
    write_gz(plan.out / RECENT / relative, [r for r in rows if time_of(r) >= since])


def read_gz(path: Path) -> object:
    return orjson.loads(gzip.decompress(path.read_bytes()))


@dataclass
class Written:
    """What was written per source: manifest entries and row counts."""

    entries: dict[str, list[ManifestEntry]] = field(default_factory=dict)

    def add(
        self, source: str, relative: str, rows: int, first: date, last: date, notes: str
    ) -> None:
        self.entries.setdefault(source, []).append(
            ManifestEntry(
                file=relative,
                kind="synthetic",
                origin=ORIGIN,
                first_date=first.isoformat(),
                last_date=last.isoformat(),
                rows=rows,
                notes=notes,
            )
        )

    def rows(self) -> dict[str, int]:
        return {source: sum(e.rows for e in entries) for source, entries in self.entries.items()}


@dataclass(frozen=True)
class Plan:
    out: Path
    factor: int
    start: date
    end: date
    seed: int
    bundled: Path

    @property
    def spot(self) -> list[str]:
        made_up = spot_count(self.factor) - len(DEFAULT_SPOT)
        return [*DEFAULT_SPOT, *(f"C{i:04d}" for i in range(1, made_up + 1))]

    @property
    def perpetuals(self) -> list[str]:
        return self.spot[: perpetual_count(self.factor)]

    def rng(self, *key: object) -> random.Random:
        """A generator of its own per series, so adding a coin does not move another's path."""
        return random.Random(f"{self.seed}/{'/'.join(map(str, key))}")


class Prices:
    """Daily closes per coin over the plan's window: real closes in the bundled window, a
    geometric random walk elsewhere."""

    def __init__(self, plan: Plan, bundled: Path) -> None:
        self.plan = plan
        self.bundled = bundled
        self.days = _days(plan.start, plan.end)
        self._klines: dict[str, list[list]] = {}

    def klines(self, coin: str) -> list[list]:
        if coin not in self._klines:
            self._klines[coin] = self._build(coin)
        return self._klines[coin]

    def closes(self, coin: str) -> dict[date, float]:
        return {_day(k[0]): float(k[4]) for k in self.klines(coin)}

    def _build(self, coin: str) -> list[list]:
        rng = self.plan.rng("spot", coin)
        real_path = self.bundled / "binance" / "spot_klines" / f"{coin}USDT.json.gz"
        real = read_gz(real_path) if real_path.exists() else []
        real = [k for k in real if self.plan.start <= _day(k[0]) <= self.plan.end]
        first_real = _day(real[0][0]) if real else self.plan.end + timedelta(days=1)
        synthetic_days = [d for d in self.days if d < first_real]
        vol = 0.035 if coin in ("BTC", "ETH") else rng.uniform(0.04, 0.07)
        closes: list[float] = []
        if real:
            # backwards from the first real open: the walk ends where the real series begins
            price = float(real[0][1])
            for _ in synthetic_days:
                closes.append(price)
                price /= math.exp(rng.gauss(0.0008, vol))
            closes.reverse()
            first_open = price
        else:
            price = first_open = math.exp(rng.uniform(math.log(0.01), math.log(500)))
            for _ in synthetic_days:
                price *= math.exp(rng.gauss(0.0, vol))
                closes.append(price)
        size = 1e9 if coin == "BTC" else 3e8 if coin == "ETH" else rng.uniform(2e6, 2e8)
        rows, previous = [], first_open
        for day, close in zip(synthetic_days, closes, strict=True):
            spread = abs(rng.gauss(0, vol / 2))
            high = max(previous, close) * (1 + spread)
            low = min(previous, close) * (1 - spread)
            quote = size * math.exp(rng.gauss(0, 0.4))
            rows.append(
                [
                    _ms(day),
                    _f(previous),
                    _f(high),
                    _f(low),
                    _f(close),
                    _f(quote / close),
                    _ms(day) + DAY_MS - 1,
                    _f(quote),
                    int(quote / 5000) + 1,
                    "0",
                    "0",
                    "0",
                ]
            )
            previous = close
        return rows + real


def _splice(real: list, time_of, synthetic: list) -> list:
    """The synthetic rows timed before the real series' first row, then the real rows."""
    if not real:
        return synthetic
    first = min(time_of(r) for r in real)
    return [r for r in synthetic if time_of(r) < first] + real


def _read_or_empty(path: Path) -> list:
    return read_gz(path) if path.exists() else []  # type: ignore[return-value]


def build_spot(plan: Plan, prices: Prices, written: Written) -> None:
    for coin in plan.spot:
        relative = f"binance/spot_klines/{coin}USDT.json.gz"
        rows = prices.klines(coin)
        write_series(plan, relative, rows, lambda r: r[0])
        written.add("binance", relative, len(rows), plan.start, plan.end, "spot daily klines")


def _funding_series(
    plan: Plan, prices: Prices, coin: str, venue: str
) -> list[tuple[int, float, float]]:
    """(time ms, rate, mark price) every 8 hours: an AR(1) rate around +0.01%."""
    rng = plan.rng(venue, "funding", coin)
    closes = prices.closes(coin)
    rate, out = 0.0001, []
    for day in prices.days:
        for hour in (0, 8, 16):
            rate = 0.0001 + 0.8 * (rate - 0.0001) + rng.gauss(0, 0.00006)
            out.append((_ms(day) + hour * 3_600_000, rate, closes[day]))
    return out


def _oi_series(plan: Plan, prices: Prices, coin: str, venue: str) -> list[tuple[int, float, float]]:
    """(time ms, open interest in coins, price): a slow random walk in USD terms."""
    rng = plan.rng(venue, "oi", coin)
    closes = prices.closes(coin)
    usd = 5e9 if coin == "BTC" else 2e9 if coin == "ETH" else rng.uniform(5e6, 5e8)
    out = []
    for day in prices.days:
        usd *= math.exp(rng.gauss(0, 0.03))
        out.append((_ms(day), usd / closes[day], closes[day]))
    return out


def build_binance_perpetuals(plan: Plan, prices: Prices, written: Written) -> None:
    for coin in plan.perpetuals:
        symbol = f"{coin}USDT"
        relative = f"binance/funding_rates/{symbol}.json.gz"
        synthetic = [
            {"symbol": symbol, "fundingRate": _f(r), "fundingTime": t, "markPrice": _f(p)}
            for t, r, p in _funding_series(plan, prices, coin, "binance")
        ]
        real = _read_or_empty(plan.bundled / relative)
        rows = _splice(real, lambda r: r["fundingTime"], synthetic)
        write_series(plan, relative, rows, lambda r: r["fundingTime"])
        written.add("binance", relative, len(rows), plan.start, plan.end, "funding every 8h")

        relative = f"binance/open_interest/{symbol}.json.gz"
        synthetic = [
            {
                "symbol": symbol,
                "sumOpenInterest": _f(oi),
                "sumOpenInterestValue": _f(oi * p),
                "timestamp": t,
            }
            for t, oi, p in _oi_series(plan, prices, coin, "binance")
        ]
        real = _read_or_empty(plan.bundled / relative)
        rows = _splice(real, lambda r: r["timestamp"], synthetic)
        write_series(plan, relative, rows, lambda r: r["timestamp"])
        written.add("binance", relative, len(rows), plan.start, plan.end, "daily open interest")


def build_bybit_perpetuals(plan: Plan, prices: Prices, written: Written) -> None:
    for coin in plan.perpetuals:
        symbol = f"{coin}USDT"
        relative = f"bybit/funding_rates/{symbol}.json.gz"
        synthetic = [
            {"symbol": symbol, "fundingRate": _f(r), "fundingRateTimestamp": str(t)}
            for t, r, _ in _funding_series(plan, prices, coin, "bybit")
        ]
        real = _read_or_empty(plan.bundled / relative)
        rows = _splice(real, lambda r: int(r["fundingRateTimestamp"]), synthetic)
        write_series(plan, relative, rows, lambda r: int(r["fundingRateTimestamp"]))
        written.add("bybit", relative, len(rows), plan.start, plan.end, "funding every 8h")

        relative = f"bybit/open_interest/{symbol}.json.gz"
        synthetic = [
            {"openInterest": _f(oi), "timestamp": str(t)}
            for t, oi, _ in _oi_series(plan, prices, coin, "bybit")
        ]
        real = _read_or_empty(plan.bundled / relative)
        rows = _splice(real, lambda r: int(r["timestamp"]), synthetic)
        write_series(plan, relative, rows, lambda r: int(r["timestamp"]))
        written.add("bybit", relative, len(rows), plan.start, plan.end, "daily open interest")


def build_futures(plan: Plan, prices: Prices, written: Written) -> None:
    """Binance quarterlies (BTC, ETH only): spot x (1 + an annualized basis x time left)."""
    for coin in DEFAULT_PERPETUALS:
        closes = prices.closes(coin)
        for expiry in quarterly_expiries(plan.start, plan.end):
            symbol = quarterly_symbol(f"{coin}USDT", expiry)
            relative = f"binance/futures_klines/{symbol}.json.gz"
            rng = plan.rng("futures", symbol)
            listed = expiry - timedelta(days=QUARTERLY_LISTED_DAYS)
            days = _days(max(listed, plan.start), min(expiry, plan.end))
            basis, synthetic, previous = 0.08, [], None
            for day in days:
                basis = max(-0.05, basis + rng.gauss(0, 0.005))
                price = closes[day] * (1 + basis * (expiry - day).days / 365)
                opened = previous or price
                synthetic.append(
                    [
                        _ms(day),
                        _f(opened),
                        _f(max(opened, price) * 1.01),
                        _f(min(opened, price) * 0.99),
                        _f(price),
                        _f(rng.uniform(50, 500), 3),
                        _ms(day) + DAY_MS - 1,
                        "0",
                        0,
                        "0",
                        "0",
                        "0",
                    ]
                )
                previous = price
            rows = _splice(_read_or_empty(plan.bundled / relative), lambda r: r[0], synthetic)
            if not rows:
                continue
            write_series(plan, relative, rows, lambda r: r[0])
            written.add(
                "binance",
                relative,
                len(rows),
                _day(rows[0][0]),
                _day(rows[-1][0]),
                "quarterly futures daily klines",
            )


def build_coingecko(plan: Plan, prices: Prices, written: Written) -> None:
    relative = "coingecko/global_snapshots.json.gz"
    real: dict = read_gz(plan.bundled / relative)  # type: ignore[assignment]
    rng = plan.rng("coingecko")
    btc, eth = prices.closes("BTC"), prices.closes("ETH")
    # BTC and ETH together hold a wandering 55..80% of the market; each coin's share follows
    share, snapshots = 0.7, {}
    for day in prices.days:
        share = min(0.8, max(0.55, share + rng.gauss(0, 0.003)))
        if day.isoformat() in real:
            snapshots[day.isoformat()] = real[day.isoformat()]
            continue
        btc_cap, eth_cap = btc[day] * 19.5e6, eth[day] * 120e6
        total = (btc_cap + eth_cap) / share
        snapshots[day.isoformat()] = {
            "data": {
                "total_market_cap": {"usd": round(total)},
                "total_volume": {},
                "market_cap_percentage": {
                    "btc": round(btc_cap / total * 100, 6),
                    "eth": round(eth_cap / total * 100, 6),
                },
                "updated_at": (_ms(day) + DAY_MS) // 1000 - 600,
            }
        }
    write_gz(plan.out / relative, snapshots)
    written.add("coingecko", relative, len(snapshots), plan.start, plan.end, "daily /global")


def build_fear_greed(plan: Plan, written: Written) -> None:
    relative = "alternative_me/fear_greed.json.gz"
    real: dict = read_gz(plan.bundled / relative)  # type: ignore[assignment]
    rng = plan.rng("fear_greed")
    first = min(int(r["timestamp"]) for r in real["data"])
    value, synthetic = 50.0, []
    for day in _days(plan.start, plan.end):
        value = min(99, max(1, value + rng.gauss(0, 6)))
        if _ms(day) // 1000 < first:
            label = (
                "Extreme Fear"
                if value < 25
                else "Fear"
                if value < 46
                else "Neutral"
                if value < 55
                else "Greed"
                if value < 76
                else "Extreme Greed"
            )
            synthetic.append(
                {
                    "value": str(round(value)),
                    "value_classification": label,
                    "timestamp": str(_ms(day) // 1000),
                }
            )
    data = real["data"] + synthetic[::-1]  # newest first, as the API lists
    write_gz(plan.out / relative, {**real, "data": data})
    written.add("alternative_me", relative, len(data), plan.start, plan.end, "daily index")


def build_dvol_and_liquidations(plan: Plan, prices: Prices, written: Written) -> None:
    for coin in DEFAULT_PERPETUALS:
        rng = plan.rng("dvol", coin)
        relative = f"deribit/volatility_index/{coin}.json.gz"
        level, synthetic = 60.0, []
        for day in prices.days:
            level = min(150, max(25, level + rng.gauss(0, 2)))
            synthetic.append([_ms(day), *(round(level, 2),) * 4])
        rows = _splice(_read_or_empty(plan.bundled / relative), lambda r: r[0], synthetic)
        write_series(plan, relative, rows, lambda r: r[0])
        written.add("deribit", relative, len(rows), plan.start, plan.end, "daily DVOL")

        rng = plan.rng("liquidations", coin)
        relative = f"coinglass/liquidations/{coin}.json.gz"
        scale = 1e8 if coin == "BTC" else 5e7
        synthetic = [
            {
                "time": _ms(day),
                "aggregated_long_liquidation_usd": round(scale * math.exp(rng.gauss(0, 1)), 2),
                "aggregated_short_liquidation_usd": round(scale * math.exp(rng.gauss(0, 1)), 2),
            }
            for day in prices.days
        ]
        rows = _splice(_read_or_empty(plan.bundled / relative), lambda r: r["time"], synthetic)
        write_series(plan, relative, rows, lambda r: r["time"])
        written.add("coinglass", relative, len(rows), plan.start, plan.end, "daily liquidations")


_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _deribit_date(day: date) -> str:
    return f"{day.day}{_MONTHS[day.month - 1]}{day:%y}"


def _parse_deribit_date(text: str) -> date:
    return datetime.strptime(text.title(), "%d%b%y").date()


def _shift_book(rows: list[dict], shift: timedelta, ratio: float, extra: int) -> list[dict]:
    """A day's bundled book carried ``shift`` earlier: expiries moved with it, strikes and USD
    figures scaled by ``ratio`` (premiums in coin units stay: same moneyness), plus ``extra``
    strikes per option (1% apart) so a larger sample has longer chains."""
    out: list[dict] = []
    names: set[str] = set()
    for row in rows:
        parts = row["instrument_name"].split("-")
        moved = dict(row)
        moved["creation_timestamp"] = row["creation_timestamp"] - shift.days * DAY_MS
        for key in (
            "underlying_price",
            "estimated_delivery_price",
            "volume_usd",
            "volume_notional",
        ):
            if moved.get(key) is not None:
                moved[key] = round(row[key] * ratio, 2)
        if parts[1] == "PERPETUAL":
            for key in ("mark_price", "bid_price", "ask_price", "mid_price", "last", "high", "low"):
                if moved.get(key) is not None:
                    moved[key] = round(row[key] * ratio, 2)
            out.append(moved)
            continue
        if parts[1] == "FS":
            expiry = _parse_deribit_date(parts[2].split("_")[0]) - shift
            moved["instrument_name"] = f"{parts[0]}-FS-{_deribit_date(expiry)}_PERP"
            out.append(moved)
            continue
        expiry = _deribit_date(_parse_deribit_date(parts[1]) - shift)
        if "underlying_index" in moved:
            moved["underlying_index"] = f"SYN.{parts[0]}-{expiry}"
        if len(parts) == 2:  # a dated future: prices in USD
            for key in ("mark_price", "bid_price", "ask_price", "mid_price", "last", "high", "low"):
                if moved.get(key) is not None:
                    moved[key] = round(row[key] * ratio, 2)
            moved["instrument_name"] = f"{parts[0]}-{expiry}"
            out.append(moved)
            continue
        strike = float(parts[2]) * ratio
        for j in range(extra + 1):
            name = f"{parts[0]}-{expiry}-{round(strike * (1 + 0.01 * j))}-{parts[3]}"
            if name not in names:  # a widened strike may land on a listed one
                names.add(name)
                out.append({**moved, "instrument_name": name})
    return out


def build_books(plan: Plan, prices: Prices, written: Written, extra_strikes: int) -> None:
    """Deribit book snapshots, one file per currency, kind and day
    (``deribit/book_summaries/<COIN>_<kind>/<day>.json.gz``, which the replay prefers to the
    bundled one-file layout): a scaled chain does not fit one parsed file. The bundled
    one-file ``<COIN>_<kind>.json.gz`` is written too, with the last week only, so a reader
    of the bundled layout (the universe's sample check) finds the currency."""
    for coin in DEFAULT_PERPETUALS:
        closes = prices.closes(coin)
        for kind in ("option", "future"):
            bundled = f"deribit/book_summaries/{coin}_{kind}"
            real: dict = read_gz(plan.bundled / f"{bundled}.json.gz")  # type: ignore[assignment]
            real_days = sorted(date.fromisoformat(d) for d in real)
            first = real_days[0]
            # carry a bundled day a whole number of weeks back: weekly expiries keep their weekday
            cycle = (len(real_days) // 7) * 7
            extra = extra_strikes if kind == "option" else 0
            rows, last_week = 0, {}
            for day in prices.days:
                if day < first:
                    back = -(-(first - day).days // cycle) * cycle
                    template = day + timedelta(days=back)
                    ratio = closes[day] / closes[template]
                    book = _shift_book(
                        real[template.isoformat()], timedelta(days=back), ratio, extra
                    )
                elif day.isoformat() in real:
                    book = real[day.isoformat()]
                    if extra:
                        book = _shift_book(book, timedelta(0), 1.0, extra)
                else:
                    continue
                write_gz(plan.out / bundled / f"{day.isoformat()}.json.gz", book)
                rows += len(book)
                if day > plan.end - timedelta(days=7):
                    last_week[day.isoformat()] = book
            write_gz(plan.out / f"{bundled}.json.gz", last_week)
            written.add("deribit", f"{bundled}/", rows, plan.start, plan.end, f"daily {kind} books")


def _copy_versioned(plan: Plan, written: Written) -> None:
    """Copy the sources not scaled; a calendar's oldest version is also served from the first
    day (the bundled calendars begin with the bundled window)."""
    for source in COPIED:
        shutil.copytree(plan.bundled / source, plan.out / source, dirs_exist_ok=True)
    for folder, suffix in (("bls/release_schedule", ".ics"), ("fed/fomc_meetings", ".htm")):
        versions = sorted((plan.out / folder).glob(f"*{suffix}"))
        first = plan.out / folder / f"{plan.start.isoformat()}{suffix}"
        if versions and first.name < versions[0].name:
            shutil.copyfile(versions[0], first)
            source = folder.split("/")[0]
            entries = [e for e in read_manifest(plan.out) if e.file.startswith(f"{source}/")]
            entries.append(
                ManifestEntry(
                    file=f"{folder}/{first.name}",
                    kind="synthetic",
                    origin=ORIGIN,
                    first_date=plan.start.isoformat(),
                    last_date=versions[0].name.removesuffix(suffix),
                    rows=0,
                    notes=f"a copy of {versions[0].name}, served before it took effect",
                )
            )
            write_manifest(plan.out, source, entries)


def universe_yaml(plan: Plan) -> str:
    def flow(items: list[str] | tuple[str, ...]) -> str:
        return "[" + ", ".join(items) + "]"

    return "\n".join(
        [
            f"# Written by tools.scale --factor {plan.factor} --seed {plan.seed} "
            f"--start {plan.start}: the coins of this generated sample.",
            f"spot: {flow(plan.spot)}",
            "perpetuals:",
            f"  binance: {flow(plan.perpetuals)}",
            f"  bybit: {flow(plan.perpetuals)}",
            f"futures: {{binance: {flow(DEFAULT_PERPETUALS)}}}",
            f"options: {{deribit: {flow(DEFAULT_PERPETUALS)}}}",
            "etf: {farside: [BTC, ETH, SOL]}",
            f"liquidations: {{coinglass: {flow(DEFAULT_PERPETUALS)}}}",
            f"pulse: {flow(DEFAULT_PERPETUALS)}",
            "",
        ]
    )


def bundled_rows(bundled: Path | None = None) -> int:
    return sum(e.rows for e in read_manifest(bundled or bundled_sample_dir()))


def generate(
    out: Path, factor: int, *, start: date = DEFAULT_START, seed: int = DEFAULT_SEED
) -> dict[str, int]:
    """Write the scaled sample into ``out`` (emptied first); return rows per source."""
    if factor < 1:
        raise ValueError(f"factor must be >= 1, got {factor}")
    bundled = bundled_sample_dir()
    end = date.fromisoformat(SAMPLE_END)
    if not start < end:
        raise ValueError(f"start must be before the sample's end {end}, got {start}")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    plan = Plan(out=out, factor=factor, start=start, end=end, seed=seed, bundled=bundled)
    prices = Prices(plan, bundled)
    written = Written()
    build_spot(plan, prices, written)
    build_binance_perpetuals(plan, prices, written)
    build_bybit_perpetuals(plan, prices, written)
    build_futures(plan, prices, written)
    build_coingecko(plan, prices, written)
    build_fear_greed(plan, written)
    build_dvol_and_liquidations(plan, prices, written)
    _copy_versioned(plan, written)
    copied = sum(e.rows for e in read_manifest(out) if e.file.split("/")[0] in COPIED)
    # the option chains fill what the coins and history leave to reach factor x the rows
    target = factor * bundled_rows(bundled)
    so_far = sum(written.rows().values()) + copied
    base_books = _book_rows(plan, prices, bundled, 0)
    option_rows = _book_rows(plan, prices, bundled, 0, kind="option")
    shortfall = max(0, target - so_far - base_books)
    # a tenth more: a widened strike that lands on a listed one is written once
    build_books(plan, prices, written, extra_strikes=math.ceil(1.1 * shortfall / option_rows))
    for source, entries in written.entries.items():
        write_manifest(out, source, entries)
    write_window(out, start, end)
    (out / "universe.yml").write_text(universe_yaml(plan))
    rows = written.rows()
    for source in COPIED:
        rows[source] = sum(e.rows for e in read_manifest(out) if e.file.startswith(f"{source}/"))
    return dict(sorted(rows.items()))


def _book_rows(plan: Plan, prices: Prices, bundled: Path, extra: int, kind: str = "") -> int:
    """Rows the Deribit books hold without extra strikes (over the plan's days)."""
    total = 0
    for coin in DEFAULT_PERPETUALS:
        for k in ("option", "future"):
            if kind and k != kind:
                continue
            real: dict = read_gz(bundled / f"deribit/book_summaries/{coin}_{k}.json.gz")  # type: ignore[assignment]
            per_day = {date.fromisoformat(d): len(v) for d, v in real.items()}
            days = sorted(per_day)
            cycle = (len(days) // 7) * 7
            for day in prices.days:
                if day >= days[0]:
                    total += per_day.get(day, 0)
                else:
                    back = -(-(days[0] - day).days // cycle) * cycle
                    total += per_day[day + timedelta(days=back)]
    return total * (extra + 1)


def summary(rows: dict[str, int], factor: int) -> str:
    bundled = bundled_rows()
    total = sum(rows.values())
    lines = [f"{source:<16}{count:>12,}" for source, count in rows.items()]
    lines.append(f"{'total':<16}{total:>12,}  = {total / bundled:.1f}x the bundled {bundled:,}")
    return "\n".join(lines)


def write_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=1) + "\n")
