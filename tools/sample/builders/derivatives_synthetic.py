"""The documented, deterministic generator behind the synthetic part of the derivatives sample.

Real history exists only for BTCUSDT funding (Binance, Bybit), BTCUSDT quarterly delivery klines
and the BTC DVOL close (see ``../shared/data/real/derivatives/PROVENANCE.md``). Everything else the
derivatives marts need is generated here, with one fixed seed per series (``random.Random``,
stdlib Mersenne Twister), calibrated
to real levels, and marked ``synthetic`` in each source's MANIFEST.json:

- ETH funding (Binance, Bybit): the real BTC print of the same hour x a slowly varying ratio
  (~1.0, AR(1)) + noise (sd 2e-5), clipped to +-0.3%: ETH funding tracks BTC's regime as it does.
- Bybit's ETH funding: the synthetic Binance ETH print x (1 + 5% noise) (venues agree closely).
- Open interest (BTC, ETH; Binance, Bybit): coin OI as a log random walk (daily sd 2.5%), drift
  adjusted so the USD total of both venues (coin OI x real spot) reads $26.0B on 2025-11-13 and
  $25.3B on 2025-11-14 for BTC (the market notes' figures), ~$11B for ETH; split 55/45
  Binance/Bybit with a wandering share. USD notional = coin OI x the real spot open of the day.
- Liquidations (CoinGlass aggregated, BTC, ETH): driven by the real daily spot return r:
  total = base x exp(k x min(|r|, cap)) x lognormal(0, 0.3) (BTC base $30M, k 65: a -5% day gives
  ~$0.8B); long share = 1 / (1 + exp(r / 0.035)) + N(0, 0.05), clipped to [0.03, 0.97] (a -5% day
  is ~80% longs, the notes' 76-80%).
- ETH quarterly delivery klines: on every day a real BTC quarterly has a candle, the ETH contract
  of the same expiry = real ETH spot x (1 + real BTC basis of that contract that day x a
  per-contract
  factor lognormal(0, 0.15)); high/low widened from ETH spot.
- ETH DVOL: the real BTC DVOL x (1.25 + AR(1) noise, sd 0.05), mean ratio as observed 2024-25.
- Deribit book summaries (options and futures, BTC and ETH), one per day: strikes around the real
  spot close of the day; an ATM IV term structure anchored so the 30-day ATM IV equals the day's
  (real BTC / synthetic ETH) DVOL, in contango on calm days and inverted only under stress:
  iv(T) = DVOL x (1 + s x ln(30d / max(T, 3d)) / ln(30 / 7)), floored at 0.4 x DVOL, so
  iv(7d) = iv(30d) x (1 + s) and the back months sit above 30d when s < 0. The front-end slope
      s = -0.07 + 0.05 x max(0, -z1 - 1.25) + 0.04 x max(0, -z7 - 1.0)
          + 0.05 x max(0, zdd - 1.0) + 1.0 x max(0, DVOL / DVOL 7 days earlier - 1.08)
          + N(0, 0.015), clipped to [-0.15, 0.25]
  where z1, z7 are the real 1-day and 7-day spot returns and zdd the fall of the close under its
  30-day high close, each in units of the DVOL-implied standard deviation over that horizon
  (DVOL / 100 / sqrt(365) x sqrt(1, 7, 30 days)): 7d sits ~7% under 30d in calm markets and
  rises above it after a large one-day drop (a liquidation day), a deep 7-day fall, a deep
  drawdown from the month's high or a vol spike. BTC is inverted on ~7% of sample days, ETH on
  ~15% (its synthetic DVOL is noisier); the rule before (noise around a flat curve) inverted
  BTC on about half of them. A mild smile; Black-76 mark prices; 24h volumes lognormal, heavier
  near the money and near expiry, call share ~0.58 +- 0.08; ~1% of options have a null
  ``mark_iv`` (never the ATM call).
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import random
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from pathlib import Path

from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START


class Rng:
    """Seeded generator with the two draws the generators need."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def normal(self, mu: float, sd: float) -> float:
        return self._random.gauss(mu, sd)

    def random(self) -> float:
        return self._random.random()


FIRST = date.fromisoformat(SAMPLE_START)
LAST = date.fromisoformat(SAMPLE_END)
SPOT_DIR = Path("ohlcv") / "binance_spot_jirayuwannagul"
DERIVATIVES = Path("derivatives")
SEEDS = {
    "eth_funding": 4101,
    "bybit_eth_funding": 4102,
    "open_interest": 4103,
    "liquidations": 4104,
    "eth_quarterly": 4105,
    "eth_dvol": 4106,
    "book": 4107,
}
OI_TARGETS_USD = {
    "BTC": {date(2025, 11, 13): 26.0e9, date(2025, 11, 14): 25.3e9},
    "ETH": {date(2025, 11, 13): 11.2e9, date(2025, 11, 14): 10.8e9},
}
LIQUIDATION_SCALE = {"BTC": (30e6, 65.0, 0.06), "ETH": (25e6, 55.0, 0.08)}
# Deribit lists options at these strike steps (coarser further out).
STRIKE_STEPS = {"BTC": (1000, 2500, 5000), "ETH": (25, 50, 100)}
# Deribit's daily snapshot is taken at 00:05 UTC and labelled with the UTC day that just closed.
SNAPSHOT_TIME = time(0, 5)


def days() -> list[date]:
    return [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def day_ms(day: date) -> int:
    return ms(datetime.combine(day, time(0), tzinfo=UTC))


@cache
def spot(real_dir: Path, asset: str) -> dict[date, tuple[float, float, float, float]]:
    """Real Binance spot daily (open, high, low, close) by UTC day."""
    out = {}
    with (real_dir / SPOT_DIR / f"{asset}USDT_1d.csv").open() as fh:
        for rec in csv.DictReader(fh):
            day = date.fromisoformat(rec["open_time"][:10])
            if FIRST - timedelta(days=10) <= day <= LAST:
                out[day] = tuple(float(rec[k]) for k in ("open", "high", "low", "close"))
    return out


def spot_return(real_dir: Path, asset: str, day: date) -> float:
    rows = spot(real_dir, asset)
    prev = rows.get(day - timedelta(days=1))
    return rows[day][3] / prev[3] - 1 if prev else 0.0


@cache
def btc_funding(real_dir: Path) -> list[tuple[int, str, str]]:
    """Real Binance BTCUSDT prints in the window: (fundingTime ms, rate, markPrice)."""
    out = []
    with (real_dir / DERIVATIVES / "btc-funding-arb" / "funding_btcusdt.csv").open() as fh:
        for rec in csv.DictReader(fh):
            moment = datetime.fromisoformat(rec["fundingTime"])
            if FIRST <= moment.date() <= LAST:
                out.append((ms(moment), rec["fundingRate"], rec["markPrice"]))
    return out


def eth_funding(real_dir: Path) -> list[tuple[int, float]]:
    rng = Rng(SEEDS["eth_funding"])
    ratio = 1.0
    out = []
    for ms_, rate, _ in btc_funding(real_dir):
        ratio = 1.0 + 0.97 * (ratio - 1.0) + rng.normal(0, 0.03)
        value = float(rate) * ratio + rng.normal(0, 2e-5)
        out.append((ms_ - ms_ % 1000, min(0.003, max(-0.003, value))))
    return out


def bybit_eth_funding(real_dir: Path) -> list[tuple[int, float]]:
    rng = Rng(SEEDS["bybit_eth_funding"])
    return [(t, v * (1 + rng.normal(0, 0.05))) for t, v in eth_funding(real_dir)]


@cache
def open_interest(real_dir: Path) -> dict[tuple[str, str], dict[date, float]]:
    """Coin OI per (venue, asset) and day."""
    rng = Rng(SEEDS["open_interest"])
    all_days = days()
    out: dict[tuple[str, str], dict[date, float]] = {}
    for asset, targets in OI_TARGETS_USD.items():
        opens = spot(real_dir, asset)
        walk = list(itertools.accumulate(rng.normal(0, 0.025) for _ in all_days))
        anchor_days = sorted(targets)
        # Shift the walk piecewise so it hits the targets exactly on the anchor days.
        anchors = {d: math.log(targets[d] / opens[d][0]) for d in anchor_days}
        first_anchor = all_days.index(anchor_days[0])
        level = anchors[anchor_days[0]] - walk[first_anchor]
        # Earlier history starts ~35% lower and grows into the anchor (OI rose through 2024-25).
        ramp = [-0.35 + 0.35 * i / first_anchor for i in range(first_anchor + 1)]
        log_coin = [w + level + (ramp[i] if i <= first_anchor else 0.0) for i, w in enumerate(walk)]
        for d, value in anchors.items():
            log_coin[all_days.index(d)] = value
        share = 0.55
        venue_series: dict[str, dict[date, float]] = {"binance": {}, "bybit": {}}
        for i, day in enumerate(all_days):
            share = min(0.65, max(0.45, share + rng.normal(0, 0.005)))
            total = math.exp(log_coin[i])
            venue_series["binance"][day] = total * share
            venue_series["bybit"][day] = total * (1 - share)
        for venue, series in venue_series.items():
            out[(venue, asset)] = series
    return out


def liquidations(real_dir: Path, asset: str) -> list[tuple[date, float, float]]:
    rng = Rng(SEEDS["liquidations"] + (0 if asset == "BTC" else 1))
    base, k, cap = LIQUIDATION_SCALE[asset]
    out = []
    for day in days():
        r = spot_return(real_dir, asset, day)
        total = base * math.exp(k * min(abs(r), cap)) * math.exp(rng.normal(0, 0.3))
        share = min(0.97, max(0.03, 1 / (1 + math.exp(r / 0.035)) + rng.normal(0, 0.05)))
        out.append((day, round(total * share, 2), round(total * (1 - share), 2)))
    return out


@cache
def btc_quarterly(real_dir: Path) -> list[dict[str, str]]:
    rows = []
    with (real_dir / DERIVATIVES / "btc-funding-arb" / "quarterly_btc.csv").open() as fh:
        for rec in csv.DictReader(fh):
            if FIRST <= date.fromisoformat(rec["openTime"][:10]) <= LAST:
                rows.append(rec)
    return rows


def eth_quarterly(real_dir: Path) -> list[dict[str, object]]:
    rng = Rng(SEEDS["eth_quarterly"])
    btc_spot, eth_spot = spot(real_dir, "BTC"), spot(real_dir, "ETH")
    factors: dict[str, float] = {}
    out = []
    for rec in btc_quarterly(real_dir):
        day = date.fromisoformat(rec["openTime"][:10])
        expiry = rec["symbol"].split("_")[1]
        factor = factors.setdefault(expiry, math.exp(rng.normal(0, 0.15)))
        premium = (float(rec["close"]) / btc_spot[day][3] - 1) * factor
        o, h, low, c = eth_spot[day]
        scale = 1 + premium
        out.append(
            {
                "day": day,
                "symbol": f"ETHUSDT_{expiry}",
                "open": o * scale,
                "high": max(h * scale, c * scale, o * scale),
                "low": min(low * scale, c * scale, o * scale),
                "close": c * scale,
                "volume": float(rec["volume"]) * btc_spot[day][3] / c * (0.6 + 0.2 * rng.random()),
            }
        )
    return out


@cache
def _btc_dvol_all(real_dir: Path) -> dict[date, float]:
    path = real_dir / DERIVATIVES / "kalyar197_eth-dashboard" / "dvol_btc.json"
    out = {}
    for t, v in json.loads(path.read_text()):
        day = datetime.fromtimestamp(t / 1000, tz=UTC).date()
        if FIRST - timedelta(days=30) <= day <= LAST:
            out[day] = float(v)
    return out


@cache
def _eth_dvol_all(real_dir: Path) -> dict[date, float]:
    rng = Rng(SEEDS["eth_dvol"])
    noise = 0.0
    out = {}
    for day, value in sorted(_btc_dvol_all(real_dir).items()):
        noise = 0.9 * noise + rng.normal(0, 0.05)
        out[day] = round(value * (1.25 + noise), 2)
    return out


def btc_dvol(real_dir: Path) -> dict[date, float]:
    return {d: v for d, v in _btc_dvol_all(real_dir).items() if d >= FIRST}


def eth_dvol(real_dir: Path) -> dict[date, float]:
    return {d: v for d, v in _eth_dvol_all(real_dir).items() if d >= FIRST}


def dvol_for_book(real_dir: Path, asset: str, day: date) -> float:
    """The DVOL the day's book is calibrated to (the last known one across a gap in the series)."""
    series = _btc_dvol_all(real_dir) if asset == "BTC" else _eth_dvol_all(real_dir)
    for back in range(10):
        value = series.get(day - timedelta(days=back))
        if value is not None:
            return value
    raise ValueError(f"no DVOL near {day} for {asset}")


# --- Deribit book summaries --------------------------------------------------------------------

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def deribit_date(day: date) -> str:
    """Deribit's expiry code: day without leading zero, e.g. 5JAN24, 27JUN25."""
    return f"{day.day}{MONTHS[day.month - 1]}{day:%y}"


def _last_friday(year: int, month: int) -> date:
    nxt = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return nxt - timedelta(days=(nxt.weekday() - 4) % 7)


def expiries(day: date) -> list[date]:
    """Live expiries at the snapshot (00:05 of day+1): two dailies, two weeklies, two monthlies
    and the next two quarterlies (Deribit lists more; this keeps the bundle small)."""
    snap = day + timedelta(days=1)
    out = {snap, snap + timedelta(days=1)}
    friday = snap + timedelta(days=(4 - snap.weekday()) % 7 or 7)
    out.update({friday, friday + timedelta(days=7)})
    monthlies = [
        _last_friday(y, m)
        for y in (snap.year, snap.year + 1)
        for m in range(1, 13)
        if _last_friday(y, m) > friday + timedelta(days=7)
    ]
    out.update(monthlies[:2])
    quarterlies = [d for d in monthlies if d.month in (3, 6, 9, 12) and d not in monthlies[:2]]
    out.update(quarterlies[:2])
    return sorted(out)


def _norm_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def black76(forward: float, strike: float, t: float, vol: float, call: bool) -> float:
    """Undiscounted Black-76 price in units of the underlying; Deribit options are coin-margined."""
    s = vol * math.sqrt(t)
    d1 = (math.log(forward / strike) + 0.5 * s * s) / s
    d2 = d1 - s
    value = forward * _norm_cdf(d1) - strike * _norm_cdf(d2)
    if not call:
        value = value - forward + strike
    return max(value, 0.0) / forward


# Front-end slope rule (see the module docstring): s = iv(7d) / iv(30d) - 1.
CALM_SLOPE = -0.07
SLOPE_K1, SLOPE_Z1 = 0.05, 1.25  # a large one-day drop (a liquidation day), in sd
SLOPE_K7, SLOPE_Z7 = 0.04, 1.0  # a deep 7-day fall, in weekly sd
SLOPE_KDD, SLOPE_DD = 0.05, 1.0  # spot deep under its 30-day high close, in monthly sd
SLOPE_KV, SLOPE_V = 1.0, 0.08  # DVOL up more than 8% on the week
LN_30_OVER_7 = math.log(30 / 7)


def front_slope(real_dir: Path, asset: str, day: date, rng: Rng) -> float:
    """``iv(7d) / iv(30d) - 1`` for the day's book: negative (contango) unless the real spot
    fell hard (1-day or 7-day, measured in DVOL-implied standard deviations), sits deep under
    its 30-day high, or DVOL jumped."""
    closes = spot(real_dir, asset)
    close = closes[day][3]
    dvol = dvol_for_book(real_dir, asset, day)
    week_ago = dvol_for_book(real_dir, asset, day - timedelta(days=7))
    daily_sd = dvol / 100 / math.sqrt(365)
    z1 = (close / closes[day - timedelta(days=1)][3] - 1) / daily_sd
    z7 = (close / closes[day - timedelta(days=7)][3] - 1) / (daily_sd * math.sqrt(7))
    high_30d = max(
        closes[d][3] for d in (day - timedelta(days=k) for k in range(30)) if d in closes
    )
    slope = (
        CALM_SLOPE
        + SLOPE_K1 * max(0.0, -z1 - SLOPE_Z1)
        + SLOPE_K7 * max(0.0, -z7 - SLOPE_Z7)
        + SLOPE_KDD * max(0.0, (1 - close / high_30d) / (daily_sd * math.sqrt(30)) - SLOPE_DD)
        + SLOPE_KV * max(0.0, dvol / week_ago - 1 - SLOPE_V)
        + rng.normal(0, 0.015)
    )
    return min(0.25, max(-0.15, slope))


def book(real_dir: Path, asset: str, day: date, rng: Rng, state: dict) -> dict[str, list[dict]]:
    """One day's option and future book summaries for ``asset`` (wire-format objects)."""
    spot_close = spot(real_dir, asset)[day][3]
    dvol = dvol_for_book(real_dir, asset, day)
    slope = front_slope(real_dir, asset, day, rng)
    snapshot = datetime.combine(day + timedelta(days=1), SNAPSHOT_TIME, tzinfo=UTC)
    stamp = ms(snapshot)
    call_share = min(0.85, max(0.3, 0.58 + rng.normal(0, 0.08)))
    steps = STRIKE_STEPS[asset]
    options: list[dict] = []
    futures: list[dict] = []
    for expiry in expiries(day):
        expiry_at = datetime.combine(expiry, time(8), tzinfo=UTC)
        t_days = (expiry_at - snapshot).total_seconds() / 86400
        t = t_days / 365
        forward = spot_close * (1 + 0.06 * t)
        # Below ~3 days the curve is flat (event risk aside, dailies trade near the weekly IV).
        atm_iv = dvol / 100 * max(0.4, 1 + slope * math.log(30 / max(t_days, 3)) / LN_30_OVER_7)
        step = steps[0] if t_days < 14 else steps[1] if t_days < 60 else steps[2]
        atm_strike = round(forward / step) * step
        code = deribit_date(expiry)
        underlying_index = f"SYN.{asset}-{code}" if t_days < 3 else f"{asset}-{code}"
        nearness = math.exp(-t_days / 30)
        for k in (-1, 0, 1):
            strike = atm_strike + k * step
            moneyness = math.log(strike / forward) / max(math.sqrt(t), 0.02)
            iv = atm_iv * (1 + 0.08 * moneyness**2 - 0.04 * moneyness)
            for call in (True, False):
                name = f"{asset}-{code}-{strike}-{'C' if call else 'P'}"
                mark = black76(forward, strike, t, iv, call)
                share = call_share if call else 1 - call_share
                volume = round(
                    (800 if asset == "BTC" else 6000)
                    * share
                    * nearness
                    * (1.6 if k == 0 else 0.7)
                    * math.exp(rng.normal(0, 0.5)),
                    1,
                )
                null_iv = rng.random() < 0.01 and not (k == 0 and call)
                spread = max(0.0001, mark * 0.03)
                options.append(
                    {
                        "instrument_name": name,
                        "base_currency": asset,
                        "quote_currency": asset,
                        "creation_timestamp": stamp,
                        "mark_price": round(mark, 6),
                        "mark_iv": None if null_iv else round(iv * 100, 2),
                        "bid_price": round(mark - spread / 2, 4) if mark > spread else None,
                        "ask_price": round(mark + spread / 2, 4),
                        "mid_price": round(mark, 4) if mark > spread else None,
                        "last": round(mark * (1 + rng.normal(0, 0.05)), 4) if volume > 0 else None,
                        "high": None,
                        "low": None,
                        "price_change": None,
                        "volume": volume,
                        "volume_usd": round(volume * mark * spot_close, 2),
                        "open_interest": round(volume * (3 + 10 * rng.random()), 1),
                        "underlying_price": round(forward, 2),
                        "underlying_index": underlying_index,
                        "interest_rate": 0.0,
                        "estimated_delivery_price": round(spot_close, 2),
                    }
                )
        if t_days >= 20:
            fut_price = round(forward * (1 + rng.normal(0, 0.001)), 1 if asset == "BTC" else 2)
            futures.append(
                _future(asset, f"{asset}-{code}", stamp, fut_price, spot_close, rng, None)
            )
    funding = state.setdefault(asset, 0.0)
    funding = 0.9 * funding + rng.normal(0, 0.00003)
    state[asset] = funding
    perp = round(spot_close * (1 + rng.normal(0, 0.0005)), 1 if asset == "BTC" else 2)
    futures.append(_future(asset, f"{asset}-PERPETUAL", stamp, perp, spot_close, rng, funding))
    # A calendar spread between the first dated future and the perpetual: listed by Deribit under
    # kind=future, to be excluded downstream.
    first_dated = futures[0]["instrument_name"].split("-", 1)[1]
    futures.append(
        {
            "instrument_name": f"{asset}-FS-{first_dated}_PERP",
            "base_currency": asset,
            "quote_currency": "USD",
            "creation_timestamp": stamp,
            "mark_price": round(futures[0]["mark_price"] - perp, 1),
            "bid_price": None,
            "ask_price": None,
            "mid_price": None,
            "last": None,
            "high": None,
            "low": None,
            "price_change": None,
            "volume": 0.0,
            "volume_usd": 0.0,
            "open_interest": 0.0,
            "estimated_delivery_price": round(spot_close, 2),
        }
    )
    return {"option": options, "future": futures}


def _future(
    asset: str,
    name: str,
    stamp: int,
    price: float,
    spot_close: float,
    rng: Rng,
    funding: float | None,
) -> dict:
    volume_usd = round((4e8 if asset == "BTC" else 1.5e8) * math.exp(rng.normal(0, 0.4)), 0)
    row = {
        "instrument_name": name,
        "base_currency": asset,
        "quote_currency": "USD",
        "creation_timestamp": stamp,
        "mark_price": price,
        "bid_price": round(price * 0.9999, 2),
        "ask_price": round(price * 1.0001, 2),
        "mid_price": price,
        "last": price,
        "high": round(price * 1.02, 2),
        "low": round(price * 0.98, 2),
        "price_change": round(rng.normal(0, 2), 4),
        "volume": round(volume_usd / price, 4),
        "volume_usd": volume_usd,
        "volume_notional": volume_usd,
        "open_interest": round(volume_usd * (1 + rng.random()), 0),
        "estimated_delivery_price": round(spot_close, 2),
    }
    if funding is not None:
        row["current_funding"] = round(funding, 8)
        row["funding_8h"] = round(funding * 8, 8)
    return row
