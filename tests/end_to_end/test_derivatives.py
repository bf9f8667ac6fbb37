"""fct_derivatives_daily on the bundled sample: on the real BTC history (Binance and Bybit funding
prints, Binance quarterly klines, spot) funding and basis match an independent computation from
the bundled wire-format files for every day; BTC and ETH rows for every day."""

from __future__ import annotations

import gzip
import json
import math
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

pytestmark = pytest.mark.end_to_end

SAMPLE = Path(__file__).parents[2] / "ingestion" / "sample"
HOUR_MS = 3_600_000


def bundled(relative: str):
    return json.loads(gzip.decompress((SAMPLE / relative).read_bytes()))


def utc_day(ms: int) -> date:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).date()


def daily_funding_sums(prints: list[tuple[int, float]]) -> dict[date, float]:
    sums: dict[date, float] = defaultdict(float)
    for ms, rate in prints:
        sums[utc_day(round(ms / HOUR_MS) * HOUR_MS)] += rate
    return sums


def expected_btc_funding() -> dict[date, float]:
    binance = daily_funding_sums(
        [
            (r["fundingTime"], float(r["fundingRate"]))
            for r in bundled("binance/funding_rates/BTCUSDT.json.gz")
        ]
    )
    bybit = daily_funding_sums(
        [
            (int(r["fundingRateTimestamp"]), float(r["fundingRate"]))
            for r in bundled("bybit/funding_rates/BTCUSDT.json.gz")
        ]
    )
    spot_open = {utc_day(k[0]): float(k[1]) for k in bundled("binance/spot_klines/BTCUSDT.json.gz")}
    binance_oi = {
        utc_day(r["timestamp"]): float(r["sumOpenInterestValue"])
        for r in bundled("binance/open_interest/BTCUSDT.json.gz")
    }
    bybit_oi = {
        utc_day(int(r["timestamp"])): float(r["openInterest"])
        * spot_open[utc_day(int(r["timestamp"]))]
        for r in bundled("bybit/open_interest/BTCUSDT.json.gz")
    }
    out = {}
    for day in binance.keys() & bybit.keys():
        weights = (binance_oi[day], bybit_oi[day])
        rates = (binance[day] * 365, bybit[day] * 365)
        out[day] = sum(r * w for r, w in zip(rates, weights, strict=True)) / sum(weights)
    return out


def expected_btc_basis() -> dict[date, tuple[float, int, str]]:
    spot_close = {
        utc_day(k[0]): float(k[4]) for k in bundled("binance/spot_klines/BTCUSDT.json.gz")
    }
    best: dict[date, tuple[int, float, str]] = {}
    for path in sorted((SAMPLE / "binance" / "futures_klines").glob("BTCUSDT_*.json.gz")):
        symbol = path.name.removesuffix(".json.gz")
        delivery = datetime.strptime(symbol.split("_")[1], "%y%m%d").date()
        for kline in bundled(f"binance/futures_klines/{path.name}"):
            day = utc_day(kline[0])
            dte = (delivery - day).days
            if dte >= 7 and (day not in best or dte < best[day][0]):
                best[day] = (dte, float(kline[4]), symbol)
    return {
        day: ((close / spot_close[day] - 1) * 365 / dte, dte, symbol)
        for day, (dte, close, symbol) in best.items()
        if day in spot_close
    }


def mart_rows(marts, asset: str) -> dict[date, tuple]:
    rows = marts.execute(
        "select date, funding_rate_annualized, basis_annualized_front_quarter, "
        "front_quarter_days_to_expiry, "
        "front_quarter_symbol from marts.fct_derivatives_daily where asset = ? order by date",
        [asset],
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_btc_and_eth_have_a_row_for_every_sample_day(marts) -> None:
    counts = marts.execute(
        "select asset, count(*), min(date), max(date) from marts.fct_derivatives_daily group by "
        "asset order by asset"
    ).fetchall()
    assert counts == [
        ("BTC", 685, date(2024, 1, 1), date(2025, 11, 15)),
        ("ETH", 685, date(2024, 1, 1), date(2025, 11, 15)),
    ]


def test_btc_funding_matches_an_independent_oi_weighted_computation_every_day(marts) -> None:
    expected = expected_btc_funding()
    actual = mart_rows(marts, "BTC")
    assert len(expected) == 685
    mismatches = [
        (day, actual[day][0], value)
        for day, value in sorted(expected.items())
        if not math.isclose(actual[day][0], value, rel_tol=1e-9, abs_tol=1e-12)
    ]
    assert not mismatches, mismatches[:5]


def test_btc_basis_matches_an_independent_front_quarter_computation_every_day(marts) -> None:
    expected = expected_btc_basis()
    actual = mart_rows(marts, "BTC")
    assert len(expected) == 685
    for day, (basis, dte, symbol) in sorted(expected.items()):
        got_basis, got_dte, got_symbol = actual[day][1:]
        assert (got_dte, got_symbol) == (dte, symbol), day
        assert math.isclose(got_basis, basis, rel_tol=1e-9, abs_tol=1e-12), (day, got_basis, basis)


def test_the_front_quarter_rolls_across_the_march_2024_expiry_in_the_real_history(marts) -> None:
    actual = mart_rows(marts, "BTC")
    assert actual[date(2024, 3, 22)][2:] == (7, "BTCUSDT_240329")
    assert actual[date(2024, 3, 23)][2:] == (97, "BTCUSDT_240628")


def test_mid_november_2025_reads_like_the_market_notes(marts) -> None:
    rows = dict(
        marts.execute(
            "select date, struct_pack(oi := open_interest_usd, basis := "
            "basis_annualized_front_quarter, "
            "long_share := long_liquidation_share, backwardated := is_iv_backwardated) "
            "from marts.fct_derivatives_daily where asset = 'BTC' and date between '2025-11-13' "
            "and '2025-11-14'"
        ).fetchall()
    )
    assert rows[date(2025, 11, 13)]["oi"] == pytest.approx(26.0e9, rel=1e-6)
    assert rows[date(2025, 11, 14)]["oi"] == pytest.approx(25.3e9, rel=1e-6)
    assert 0.03 < rows[date(2025, 11, 14)]["basis"] < 0.05
    assert rows[date(2025, 11, 14)]["long_share"] > 0.75
    assert rows[date(2025, 11, 14)]["backwardated"] is True


def test_options_columns_are_filled_and_consistent(marts) -> None:
    bad = marts.execute(
        """
        select count(*) from marts.fct_derivatives_daily
        where atm_iv_7d is null or atm_iv_30d is null
           or is_iv_backwardated <> (atm_iv_7d > atm_iv_30d)
           or abs(call_volume_share - 1 / (1 + put_call_volume_ratio)) > 1e-9
        """
    ).fetchall()
    assert bad == [(0,)]


def test_oi_change_1d_is_a_fraction_and_v1_keeps_it_under_its_old_name(marts) -> None:
    """v2 (the unsuffixed table) names the 1-day OI change oi_change_1d, a fraction; the
    deprecated v1 has the same rows with the figure as oi_change_pct_1d."""
    (worst,) = marts.execute(
        "select min(oi_change_1d) from marts.fct_derivatives_daily where asset = 'BTC'"
    ).fetchall()[0]
    assert -1 < worst < 0  # a fraction: OI never falls by more than all of it
    rows = {
        (asset, day): change
        for asset, day, change in marts.execute(
            "select asset, date, oi_change_1d from marts.fct_derivatives_daily"
        ).fetchall()
    }
    old = {
        (asset, day): change
        for asset, day, change in marts.execute(
            "select asset, date, oi_change_pct_1d from marts.fct_derivatives_daily_v1"
        ).fetchall()
    }
    assert rows and old == rows
    columns = {
        name
        for (name,) in marts.execute(
            "select column_name from information_schema.columns "
            "where table_schema = 'marts' and table_name = 'fct_derivatives_daily'"
        ).fetchall()
    }
    assert "oi_change_1d" in columns and "oi_change_pct_1d" not in columns


def test_the_iv_term_structure_is_in_contango_except_under_stress(marts) -> None:
    """The option books' 7d ATM IV sits under the 30d one on calm days and above it only after
    sell-offs or vol spikes (the sample generator's documented rule), not on half the days."""
    rows = marts.execute(
        "select d.asset, d.date, d.is_iv_backwardated, d.atm_iv_7d / d.atm_iv_30d, p.return_1d "
        "from marts.fct_derivatives_daily as d "
        "join marts.fct_prices_daily as p on p.asset = d.asset and p.date = d.date"
    ).fetchall()
    for asset, most in (("BTC", 0.10), ("ETH", 0.20)):
        days = [r for r in rows if r[0] == asset]
        inverted = [r for r in days if r[2]]
        assert len(days) == 685 and 0 < len(inverted) / len(days) < most, asset
        ratios = sorted(r[3] for r in days)
        assert 0.9 < ratios[len(ratios) // 2] < 0.97, asset  # calm: 7d ~7% under 30d
        calm = [r[4] for r in days if not r[2] and r[4] is not None]
        stressed = [r[4] for r in inverted if r[4] is not None]
        assert sum(stressed) / len(stressed) < sum(calm) / len(calm) - 0.005, asset
    btc = {r[1]: r[2] for r in rows if r[0] == "BTC"}
    # the 2025-10-10 liquidation cascade and the 2025-11-04 sell-off invert BTC's front end
    assert btc[date(2025, 10, 10)] and btc[date(2025, 11, 4)]
