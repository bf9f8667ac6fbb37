"""fetch -> land -> parse -> load: nothing received is lost and nothing is half-written."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from ingestion.binance import records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.binance import SPOT_KLINES
from orchestration.ingest import RawSpec, TrailingWindow, ingest_window
from warehouse.connection import connect
from warehouse.settings import Settings


def test_sample_window_loads_every_symbol_and_logs_each_payload(settings: Settings) -> None:
    result = ingest_window(SPOT_KLINES, settings, date(2024, 3, 1), date(2024, 3, 10))
    assert result.rows_inserted == 5 * 10
    conn = connect(settings.duckdb_path, read_only=True)
    symbols = conn.execute(
        "select distinct symbol from raw_binance.spot_klines order by 1"
    ).fetchall()
    assert [s for (s,) in symbols] == ["ADAUSDT", "BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT"]
    log = conn.execute(
        "select count(*), sum(rows_parsed), count(error) from meta.fetch_log"
    ).fetchall()
    assert log == [(5, 50, 0)]
    assert all(Path(p).exists() for p in result.landing_paths)


def test_a_rerun_of_the_same_window_is_identical(settings: Settings) -> None:
    query = (
        "select * exclude (_batch_id, _loaded_at, _landing_path) "
        "from raw_binance.spot_klines order by all"
    )
    ingest_window(SPOT_KLINES, settings, date(2024, 3, 1), date(2024, 3, 10))
    with connect(settings.duckdb_path, read_only=True) as conn:
        first = conn.execute(query).fetchall()
    ingest_window(SPOT_KLINES, settings, date(2024, 3, 1), date(2024, 3, 10))
    with connect(settings.duckdb_path, read_only=True) as conn:
        assert conn.execute(query).fetchall() == first


def _broken_fetch(http: SourceHttp, start: date, end: date) -> list[Payload]:
    good = http.get(
        "spot_klines",
        "/api/v3/klines",
        {
            "symbol": "BTCUSDT",
            "interval": "1d",
            "startTime": 1709251200000,
            "endTime": 1709337599999,
        },
    )
    return [good]


def test_a_parse_failure_keeps_the_payload_logs_the_error_and_leaves_raw_untouched(
    settings: Settings,
) -> None:
    ingest_window(SPOT_KLINES, settings, date(2024, 3, 1), date(2024, 3, 1))
    with connect(settings.duckdb_path, read_only=True) as conn:
        before = conn.execute("select * from raw_binance.spot_klines order by all").fetchall()
    # 5 symbols x (the day and the 3-day trailing window before it)
    assert len(before) == 5 * 4

    def parse_fails(payload: Payload) -> pl.DataFrame:
        raise payload.error("simulated drift", field="close")

    broken = RawSpec(**{**SPOT_KLINES.__dict__, "fetch": _broken_fetch, "parse": parse_fails})
    # The series that did not parse is a failed input: recorded, not raised, nothing loaded.
    result = ingest_window(broken, settings, date(2024, 3, 1), date(2024, 3, 1))
    assert len(result.failures) == 1 and result.failures[0].startswith("BTCUSDT: ")
    assert "landing file:" in result.failures[0] and "field: close" in result.failures[0]
    assert result.rows_inserted == 0
    conn = connect(settings.duckdb_path, read_only=True)
    assert conn.execute("select * from raw_binance.spot_klines order by all").fetchall() == before
    logged = conn.execute(
        "select landing_path, error from meta.fetch_log where error is not null"
    ).fetchall()
    assert len(logged) == 1
    assert Path(logged[0][0]).exists() and "simulated drift" in logged[0][1]


def test_raw_schema_constant_matches_what_the_parser_returns(settings: Settings) -> None:
    ingest_window(SPOT_KLINES, settings, date(2024, 3, 1), date(2024, 3, 1))
    conn = connect(settings.duckdb_path, read_only=True)
    columns = [
        c
        for (c,) in conn.execute(
            "select column_name from information_schema.columns "
            "where table_name = 'spot_klines' order by ordinal_position"
        ).fetchall()
    ]
    assert columns[: len(records.RAW_SPOT_KLINES_SCHEMA)] == list(records.RAW_SPOT_KLINES_SCHEMA)


def test_a_days_run_re_fetches_the_trailing_window_and_a_backfill_is_left_as_is() -> None:
    day, settings = date(2025, 11, 15), Settings.from_env({})
    assert TrailingWindow(3)(day, day, settings) == (date(2025, 11, 12), day)
    assert TrailingWindow(3)(date(2025, 11, 1), day, settings) == (date(2025, 11, 1), day)


def test_every_incremental_source_has_its_trailing_window_and_snapshots_have_none() -> None:
    from orchestration.assets import farside
    from orchestration.definitions import SOURCES

    specs = [spec for source in SOURCES for spec in source.SPECS if spec.source != "farside"]
    windows = {
        spec.table.qualified: spec.window.days if isinstance(spec.window, TrailingWindow) else None
        for spec in specs
    }
    assert windows == {
        "raw_alternative_me.fear_greed": 3,
        "raw_binance.spot_klines": 3,
        "raw_binance.funding_rates": 3,
        "raw_binance.open_interest": 3,
        "raw_binance.futures_klines": 3,
        "raw_bybit.funding_rates": 3,
        "raw_bybit.open_interest": 3,
        "raw_coinglass.liquidations": 3,
        "raw_deribit.volatility_index": 3,
        "raw_fred.observations": 5,
        # snapshots: the past cannot be fetched again
        "raw_bls.release_schedule": None,
        "raw_coingecko.global_snapshots": None,
        "raw_deribit.book_summaries": None,
        "raw_fed.fomc_meetings": None,
    }
    # Farside keeps its own window in US trading days (CRW_FARSIDE_REFETCH_DAYS)
    assert farside.ETF_FLOWS.window is farside.refetch_window


def test_a_long_snapshot_backfill_loads_in_chunks_as_one_batch(
    settings: Settings, monkeypatch
) -> None:
    """A snapshot source's backfill is fetched, parsed and loaded a chunk of days at a time
    (bounded memory at scale), with the same rows as one window, under one batch id."""
    from orchestration import ingest
    from orchestration.assets.deribit import BOOK_SUMMARIES

    assert ingest.snapshot_chunks(BOOK_SUMMARIES, date(2024, 1, 1), date(2025, 11, 14)) == [
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 11, 14)),
    ]
    assert ingest.snapshot_chunks(BOOK_SUMMARIES, date(2024, 3, 1), date(2025, 2, 28)) == [
        (date(2024, 3, 1), date(2025, 2, 28))
    ]
    start, end = date(2024, 12, 20), date(2025, 1, 10)
    assert ingest.snapshot_chunks(SPOT_KLINES, date(2024, 1, 1), date(2024, 12, 31)) == [
        (date(2024, 1, 1), date(2024, 12, 31))
    ]
    assert ingest.snapshot_chunks(BOOK_SUMMARIES, start, end) == [(start, end)]
    monkeypatch.setattr(ingest, "SNAPSHOT_CHUNK_DAYS", 20)
    assert ingest.snapshot_chunks(BOOK_SUMMARIES, start, end) == [
        (date(2024, 12, 20), date(2024, 12, 31)),
        (date(2025, 1, 1), date(2025, 1, 10)),
    ]
    monkeypatch.setattr(ingest, "SNAPSHOT_CHUNK_DAYS", 10_000)
    whole = ingest_window(BOOK_SUMMARIES, settings, start, end)
    query = (
        "select * exclude (_batch_id, _loaded_at, _landing_path) "
        "from raw_deribit.book_summaries order by all"
    )
    with connect(settings.duckdb_path, read_only=True) as conn:
        expected = conn.execute(query).fetchall()
    settings.duckdb_path.unlink()

    monkeypatch.setattr(ingest, "SNAPSHOT_CHUNK_DAYS", 20)
    chunked = ingest_window(BOOK_SUMMARIES, settings, start, end)
    assert (chunked.start, chunked.end) == (start, end)
    assert len(expected) == chunked.rows_inserted
    assert chunked.rows_inserted == whole.rows_inserted > 0
    assert chunked.payloads == whole.payloads
    with connect(settings.duckdb_path, read_only=True) as conn:
        assert conn.execute(query).fetchall() == expected
        loads = conn.execute(
            "select count(*), count(distinct batch_id) from meta.load_log"
        ).fetchone()
        assert loads == (2, 1)
        (fetch_batches,) = conn.execute(
            "select count(distinct batch_id) from meta.fetch_log"
        ).fetchone()
        assert fetch_batches == 1
