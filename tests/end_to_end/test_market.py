"""fct_prices_daily and fct_market_daily on the bundled sample match independent computations
(plain Python over the bundled wire-format payloads) for every row."""

from __future__ import annotations

import gzip
import json
import math
import statistics
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.end_to_end

SAMPLE = Path(__file__).parents[2] / "ingestion" / "sample"
ASSETS = ("BTC", "ETH", "SOL", "XRP", "ADA")


def bundled_klines(asset: str) -> list[tuple[date, float, float]]:
    rows = json.loads(
        gzip.decompress((SAMPLE / "binance" / "spot_klines" / f"{asset}USDT.json.gz").read_bytes())
    )
    return [
        (datetime.fromtimestamp(r[0] / 1000, tz=UTC).date(), float(r[2]), float(r[4])) for r in rows
    ]


def wilder_rsi(closes: list[float], period: int = 14) -> list[float | None]:
    out: list[float | None] = [None] * len(closes)
    changes = [closes[i] - closes[i - 1] for i in range(1, len(closes))]
    if len(changes) < period:
        return out
    gain = sum(max(c, 0) for c in changes[:period]) / period
    loss = sum(max(-c, 0) for c in changes[:period]) / period

    def rsi(avg_gain: float, avg_loss: float) -> float:
        return 100.0 if avg_loss == 0 else 100 - 100 / (1 + avg_gain / avg_loss)

    out[period] = rsi(gain, loss)
    for i in range(period + 1, len(closes)):
        c = changes[i - 1]
        gain = (gain * (period - 1) + max(c, 0)) / period
        loss = (loss * (period - 1) + max(-c, 0)) / period
        out[i] = rsi(gain, loss)
    return out


def expected_prices(asset: str) -> dict[date, dict[str, float | None]]:
    rows = bundled_klines(asset)
    closes = [c for _, _, c in rows]
    rsi = wilder_rsi(closes)
    logs = [None] + [math.log(closes[i] / closes[i - 1]) for i in range(1, len(closes))]
    sundays: list[tuple[date, float]] = []
    ath = -math.inf
    out = {}
    for i, (day, high, close) in enumerate(rows):
        ath = max(ath, high)
        if day.weekday() == 6:
            sundays.append((day, close))
        last50 = [c for d, c in sundays if d <= day][-50:]
        window30 = logs[i - 29 : i + 1] if i >= 30 else []
        out[day] = {
            "sma_20d": statistics.fmean(closes[i - 19 : i + 1]) if i >= 19 else None,
            "sma_200d": statistics.fmean(closes[i - 199 : i + 1]) if i >= 199 else None,
            "sma_50w": statistics.fmean(last50) if len(last50) == 50 else None,
            "rsi_14": rsi[i],
            "realized_vol_30d": statistics.stdev(window30) * math.sqrt(365)
            if len(window30) == 30
            else None,
            "ath_high_to_date": ath,
            "drawdown_from_ath": close / ath - 1,
        }
    return out


def close_enough(actual: float | None, expected: float | None, rel: float = 1e-9) -> bool:
    if actual is None or expected is None:
        return actual is None and expected is None
    return math.isclose(actual, expected, rel_tol=rel, abs_tol=1e-9)


@pytest.mark.parametrize("asset", ASSETS)
def test_price_metrics_match_an_independent_computation_for_every_day(marts, asset: str) -> None:
    expected = expected_prices(asset)
    rows = marts.execute(
        """
        select date, sma_20d, sma_200d, sma_50w, rsi_14, realized_vol_30d, ath_high_to_date,
               drawdown_from_ath
        from marts.fct_prices_daily where asset = ? order by date
        """,
        [asset],
    ).fetchall()
    assert len(rows) == len(expected) == 685
    columns = (
        "sma_20d",
        "sma_200d",
        "sma_50w",
        "rsi_14",
        "realized_vol_30d",
        "ath_high_to_date",
        "drawdown_from_ath",
    )
    mismatches = [
        (day, name, actual, expected[day][name])
        for day, *values in rows
        for name, actual in zip(columns, values, strict=True)
        if not close_enough(actual, expected[day][name])
    ]
    assert mismatches == []


def test_fifty_week_sma_needs_fifty_completed_sunday_weeks(marts) -> None:
    # The sample starts on Monday 2024-01-01; the 50th Sunday is 2024-12-15.
    rows = dict(
        marts.execute(
            "select date, sma_50w from marts.fct_prices_daily "
            "where asset = 'BTC' and date between '2024-12-14' and '2024-12-16'"
        ).fetchall()
    )
    assert rows[date(2024, 12, 14)] is None
    assert rows[date(2024, 12, 15)] is not None
    assert rows[date(2024, 12, 16)] == rows[date(2024, 12, 15)]


def test_known_btc_figures_on_the_last_sample_day(marts) -> None:
    close, ath, drawdown = marts.execute(
        "select close, ath_high_to_date, drawdown_from_ath from marts.fct_prices_daily "
        "where asset = 'BTC' and date = '2025-11-15'"
    ).fetchall()[0]
    day, high, real_close = bundled_klines("BTC")[-1]
    assert day == date(2025, 11, 15) and close == pytest.approx(real_close)
    assert ath == pytest.approx(max(h for _, h, _ in bundled_klines("BTC")))
    assert drawdown == pytest.approx(real_close / ath - 1)
    assert -0.35 < drawdown < -0.05  # BTC was well off its October 2025 high in mid-November


def bundled_ndx() -> dict[date, float]:
    """NASDAQ100 closes from the bundled FRED CSV; `.` (a US market holiday) is no value."""
    lines = (SAMPLE / "fred" / "observations" / "NASDAQ100.csv").read_text().splitlines()
    assert lines[0].split(",") == ["observation_date", "NASDAQ100"]
    values = (line.split(",") for line in lines[1:] if line.strip())
    return {date.fromisoformat(d): float(v) for d, v in values if v.strip() not in ("", ".")}


def expected_btc_ndx_correlations() -> dict[date, dict[str, float | None]]:
    """As fct_market_daily's YAML defines them: US trading days are the dates with a NASDAQ100
    value; NDX and BTC log returns between the same consecutive trading dates (BTC close sampled
    on those dates); Pearson over the last 30 / 90 returns, null until the window is full; every
    other day carries the last trading day's values."""
    btc = {day: close for day, _, close in bundled_klines("BTC")}
    ndx = bundled_ndx()
    trading = sorted(d for d in ndx if d in btc)
    assert len(trading) > 400  # ~250 US trading days a year over the sample window
    ndx_returns = [math.log(ndx[b] / ndx[a]) for a, b in zip(trading, trading[1:], strict=False)]
    btc_returns = [math.log(btc[b] / btc[a]) for a, b in zip(trading, trading[1:], strict=False)]

    def corr(n: int, k: int) -> float | None:  # k: index of the return ending on trading[k + 1]
        if k + 1 < n:
            return None
        return statistics.correlation(
            btc_returns[k + 1 - n : k + 1], ndx_returns[k + 1 - n : k + 1]
        )

    on_trading_day = {
        trading[0]: {
            "ndx_close": ndx[trading[0]],
            "btc_ndx_corr_30d": None,
            "btc_ndx_corr_90d": None,
        }
    }
    for k, day in enumerate(trading[1:]):
        on_trading_day[day] = {
            "ndx_close": ndx[day],
            "btc_ndx_corr_30d": corr(30, k),
            "btc_ndx_corr_90d": corr(90, k),
        }
    out: dict[date, dict[str, float | None]] = {}
    last: dict[str, float | None] = {
        "ndx_close": None,
        "btc_ndx_corr_30d": None,
        "btc_ndx_corr_90d": None,
    }
    for day in sorted(btc):
        last = on_trading_day.get(day, last)
        out[day] = last
    return out


def test_btc_ndx_correlations_match_an_independent_computation_for_every_day(marts) -> None:
    expected = expected_btc_ndx_correlations()
    rows = marts.execute(
        "select date, ndx_close, btc_ndx_corr_30d, btc_ndx_corr_90d "
        "from marts.fct_market_daily order by date"
    ).fetchall()
    assert len(rows) == len(expected) == 685
    columns = ("ndx_close", "btc_ndx_corr_30d", "btc_ndx_corr_90d")
    mismatches = [
        (day, name, actual, expected[day][name])
        for day, *values in rows
        for name, actual in zip(columns, values, strict=True)
        if not close_enough(actual, expected[day][name])
    ]
    assert mismatches == []
    # The windows fill on the 31st and 91st US trading day of the sample, counted by hand from
    # 2024-01-02 (MLK Day, Presidents' Day and Good Friday closed): 2024-02-14 and 2024-05-10.
    first_30d = min(day for day, _, corr_30d, _ in rows if corr_30d is not None)
    first_90d = min(day for day, _, _, corr_90d in rows if corr_90d is not None)
    assert (first_30d, first_90d) == (date(2024, 2, 14), date(2024, 5, 10))


def test_btc_ndx_correlation_on_weekends_and_holidays_is_the_last_trading_days(marts) -> None:
    rows = {
        day: (corr, us_day)
        for day, corr, us_day in marts.execute(
            """
            select date, btc_ndx_corr_30d, us_trading_date from marts.fct_market_daily
            where date between '2025-11-07' and '2025-11-15'
               or date between '2024-12-24' and '2024-12-26'
            """
        ).fetchall()
    }
    friday, saturday, sunday, monday = (date(2025, 11, d) for d in (7, 8, 9, 10))
    assert rows[friday][1] == friday and rows[saturday] == rows[sunday] == rows[friday]
    assert rows[monday][1] == monday and rows[monday][0] != rows[friday][0]
    # Christmas Day 2024 (a Wednesday) is a NASDAQ holiday: it carries Christmas Eve's value.
    christmas_eve, christmas = date(2024, 12, 24), date(2024, 12, 25)
    assert rows[christmas] == rows[christmas_eve] and rows[christmas][1] == christmas_eve
    # The sample's last day is a Saturday: it shows Friday 2025-11-14.
    assert rows[date(2025, 11, 15)][1] == date(2025, 11, 14)
