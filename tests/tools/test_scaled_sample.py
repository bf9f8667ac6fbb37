"""The scaled-sample generator (tools.scale): same seed, same bytes; factor x the bundled rows;
and the replay serves a generated dir through the unchanged clients and parsers."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ingestion.binance import client as binance
from ingestion.binance import records as binance_records
from ingestion.binance import replay as binance_replay
from ingestion.bybit import client as bybit
from ingestion.bybit import replay as bybit_replay
from ingestion.deribit import replay as deribit_replay
from ingestion.http import SourceHttp, new_session
from ingestion.replay import ReplayRequest, bundled_sample_dir, mount_replay, use_sample_dir
from ingestion.sample.manifest import read_manifest, sample_window
from tools.scale.generate import bundled_rows, generate

START = date(2025, 9, 1)
END = date(2025, 11, 15)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("scaled") / "2x"
    return out, generate(out, 2, start=START, seed=7)


@pytest.fixture
def serving(scaled) -> Iterator[Path]:
    out, _ = scaled
    use_sample_dir(out)
    try:
        yield out
    finally:
        use_sample_dir(None)


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(scaled, tmp_path) -> None:
    out, _ = scaled
    generate(tmp_path / "again", 2, start=START, seed=7)
    generate(tmp_path / "other", 2, start=START, seed=8)
    first = _digest(out)
    assert _digest(tmp_path / "again") == first
    other = _digest(tmp_path / "other")
    assert other.keys() == first.keys()
    assert (
        other["binance/spot_klines/C0001USDT.json.gz"]
        != first["binance/spot_klines/C0001USDT.json.gz"]
    )


def test_the_sample_holds_factor_times_the_bundled_rows_and_the_scaled_universe(scaled) -> None:
    out, rows = scaled
    assert sum(rows.values()) >= 2 * bundled_rows()
    assert sum(e.rows for e in read_manifest(out)) == sum(rows.values())
    spot = sorted(p.name for p in (out / "binance/spot_klines").iterdir())
    assert len(spot) == 10 and "C0005USDT.json.gz" in spot and "BTCUSDT.json.gz" in spot
    assert len(list((out / "bybit/funding_rates").iterdir())) == 4
    universe = (out / "universe.yml").read_text()
    assert "spot: [BTC, ETH, SOL, XRP, ADA, C0001, C0002, C0003, C0004, C0005]" in universe
    assert "  bybit: [BTC, ETH, SOL, XRP]" in universe
    assert sample_window(out) == (START, END)
    assert sample_window(bundled_sample_dir()) == (date(2024, 1, 1), END)


def test_every_generated_file_is_marked_synthetic(scaled) -> None:
    out, _ = scaled
    generated = [e for e in read_manifest(out) if e.origin == "tools/scale/generate.py"]
    assert generated and {e.kind for e in generated} == {"synthetic"}
    assert {e.file.split("/")[0] for e in generated} >= {"binance", "bybit", "deribit"}


def _http(source: str, respond, as_of: date) -> SourceHttp:
    session = mount_replay(new_session(), functools.partial(respond, as_of=as_of))
    return SourceHttp(source, "https://replay.test", session, sleep=lambda s: None)


def test_the_replay_serves_a_generated_dir_through_the_clients(serving: Path) -> None:
    http = _http("binance", binance_replay.respond, END)
    payloads = binance.fetch_spot_klines(http, "C0003USDT", START, END)
    frame = binance_records.parse_spot_klines(payloads[0])
    assert frame.height == (END - START).days + 1
    # funding every 8 hours, paged through the whole window
    prints = binance.fetch_funding_rates(http, "XRPUSDT", START, END)
    assert sum(len(p.json()) for p in prints) == 3 * ((END - START).days + 1)
    http = _http("bybit", bybit_replay.respond, END)
    oi = bybit.fetch_open_interest(http, "SOLUSDT", START, END)
    assert sum(len(p.json()["result"]["list"]) for p in oi) == (END - START).days + 1


def test_real_series_keep_their_bundled_rows(serving: Path) -> None:
    real = ReplayRequest("/api/v3/klines", {"symbol": "BTCUSDT", "limit": "1000"}, {})
    use_sample_dir(None)
    bundled = binance_replay.respond(real, as_of=END).body
    use_sample_dir(serving)
    start_ms = int(datetime(2025, 9, 1, tzinfo=UTC).timestamp() * 1000)
    scaled = binance_replay.respond(
        ReplayRequest("/api/v3/klines", {**real.params, "startTime": str(start_ms)}, {}), as_of=END
    ).body
    assert scaled.startswith(b'[[1756684800000,"')
    assert scaled[1:] in bundled  # the same rows, in the bundled wire format


def test_the_books_are_served_per_day_from_a_generated_dir(serving: Path) -> None:
    request = ReplayRequest(
        "/api/v2/public/get_book_summary_by_currency", {"currency": "BTC", "kind": "option"}, {}
    )
    scaled = deribit_replay.respond(request, as_of=END).body
    use_sample_dir(None)
    bundled = deribit_replay.respond(request, as_of=END).body
    assert len(scaled) > len(bundled)  # a longer chain
    assert b"BTC-16NOV25-95000-C" in scaled and b"BTC-16NOV25-95000-C" in bundled


def test_a_recent_page_is_served_from_the_index_with_the_same_rows(serving: Path) -> None:
    from ingestion.replay import RECENT, timed_rows

    relative = "binance/funding_rates/BTCUSDT.json.gz"
    assert (serving / RECENT / relative).is_file()
    full = timed_rows(relative, "fundingTime")
    day_ms = int(datetime(2025, 11, 12, tzinfo=UTC).timestamp() * 1000)
    recent = timed_rows(relative, "fundingTime", start=day_ms)
    assert len(recent.rows) < len(full.rows)
    assert recent.between(day_ms, 2**62) == full.between(day_ms, 2**62)
    # a start before the index's first row reads the whole file
    assert timed_rows(relative, "fundingTime", start=0) is full


def test_the_books_keep_the_bundled_file_name_with_the_last_week(scaled) -> None:
    from tools.scale.generate import read_gz

    out, _ = scaled
    last_week = read_gz(out / "deribit/book_summaries/ETH_option.json.gz")
    assert sorted(last_week)[-1] == END.isoformat() and len(last_week) == 7
    per_day = read_gz(out / f"deribit/book_summaries/ETH_option/{END.isoformat()}.json.gz")
    assert last_week[END.isoformat()] == per_day
