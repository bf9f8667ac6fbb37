"""One fetch's payloads become one frame: exact duplicates (inside a page or across overlapping
pages) collapse and are counted; conflicting duplicates fail the fetch before anything is
written, naming source, endpoint, landing files, the key and both values (issue 13)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import responses

from ingestion.batches import LANDING_PATH_COLUMN, parse_batch, parse_payloads
from ingestion.binance import client, records
from ingestion.errors import PayloadError
from ingestion.payloads import Payload
from orchestration.assets import binance as binance_assets
from orchestration.ingest import ingest_window
from warehouse.connection import connect
from warehouse.settings import Settings

DAY_MS = 86_400_000
FIRST_MS = 1704067200000  # 2024-01-01 00:00 UTC
KEY = ("symbol", "open_time")


def kline(i: int, close: str = "1") -> list:
    open_ms = FIRST_MS + i * DAY_MS
    return [open_ms, "1", "2", "0.5", close, "10", open_ms + DAY_MS - 1, "10", 3, "0", "0", "0"]


def page(rows: list, name: str) -> Payload:
    return Payload(
        "binance",
        "spot_klines",
        "https://b.test/api/v3/klines",
        {"symbol": "BTCUSDT"},
        200,
        json.dumps(rows).encode(),
        "application/json",
        fetched_at=datetime(2025, 1, 1, tzinfo=UTC),
        landing_path=Path(f"/landing/binance/spot_klines/{name}.json.gz"),
    )


def parse(pages: list[Payload], key: tuple[str, ...] = KEY):
    return parse_batch(pages, records.parse_spot_klines, records.RAW_SPOT_KLINES_SCHEMA, key=key)


def test_overlapping_pages_repeating_a_candle_keep_it_once_and_count_the_collapsed_row() -> None:
    batch = parse([page([kline(0), kline(1)], "p1"), page([kline(1), kline(2)], "p2")])
    assert batch.frame["date"].to_list() == [date(2024, 1, 1), date(2024, 1, 2), date(2024, 1, 3)]
    assert batch.duplicates_collapsed == 1
    # the kept row names the page it was first seen in
    assert batch.frame[LANDING_PATH_COLUMN].to_list()[1].endswith("p1.json.gz")
    assert "_payload_index" not in batch.frame.columns


def test_an_exact_duplicate_inside_one_page_is_collapsed() -> None:
    batch = parse([page([kline(0), kline(0), kline(1)], "p1")])
    assert batch.frame.height == 2 and batch.duplicates_collapsed == 1


def test_conflicting_duplicates_fail_naming_source_endpoint_files_key_and_both_values() -> None:
    with pytest.raises(PayloadError) as err:
        parse([page([kline(0), kline(1)], "p1"), page([kline(1, close="9"), kline(2)], "p2")])
    message = str(err.value)
    assert "[binance/spot_klines]" in message
    assert (
        "conflicting duplicate records for key "
        "(symbol='BTCUSDT', open_time=2024-01-02 00:00:00+00:00)" in message
    )
    assert "close: 1.0000000000 vs 9.0000000000" in message
    assert "first in /landing/binance/spot_klines/p1.json.gz" in message
    assert "landing file: /landing/binance/spot_klines/p2.json.gz" in message
    assert "field: close" in message


def test_without_a_key_rows_are_stacked_as_parsed() -> None:
    batch = parse([page([kline(0)], "p1"), page([kline(0)], "p2")], key=())
    assert batch.frame.height == 2 and batch.duplicates_collapsed == 0


def test_a_key_column_missing_from_the_schema_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not in the schema"):
        parse([page([kline(0)], "p1")], key=("symbol", "opened"))


def test_parse_payloads_returns_the_frame_of_the_batch() -> None:
    pages = [page([kline(0), kline(1)], "p1"), page([kline(1)], "p2")]
    frame = parse_payloads(
        pages, records.parse_spot_klines, records.RAW_SPOT_KLINES_SCHEMA, key=KEY
    )
    assert frame.height == 2


def test_no_payloads_give_an_empty_frame_with_the_schema_and_tags() -> None:
    batch = parse([])
    assert batch.frame.is_empty() and batch.duplicates_collapsed == 0
    assert LANDING_PATH_COLUMN in batch.frame.columns


def test_every_raw_spec_key_names_columns_of_its_schema() -> None:
    from orchestration.definitions import SOURCES

    specs = [spec for source in SOURCES for spec in source.SPECS]
    assert len(specs) == 15
    for spec in specs:
        assert spec.key, spec.table.qualified
        assert set(spec.key) <= set(spec.schema), spec.table.qualified


@responses.activate
def test_a_binance_kline_page_repeating_one_candle_loads_once(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server whose next page starts one candle early (overlapping pages): the candle is in
    the raw table once."""
    monkeypatch.setenv("CRW_SOURCE_MODE", "live")
    monkeypatch.setattr(client, "KLINES_PAGE_LIMIT", 2)
    live = Settings.from_env()
    responses.get("https://b.test/api/v3/klines", json=[kline(0), kline(1)])
    responses.get("https://b.test/api/v3/klines", json=[kline(1), kline(2)])
    responses.get("https://b.test/api/v3/klines", json=[])
    spec = replace(
        binance_assets.SPOT_KLINES,
        default_base_url="https://b.test",
        fetch=lambda http, start, end: client.fetch_spot_klines(http, "BTCUSDT", start, end),
    )
    result = ingest_window(spec, live, date(2024, 1, 1), date(2024, 1, 3))
    assert result.payloads == 3  # the third, empty page ends paging
    with connect(live.duckdb_path, read_only=True) as conn:
        days = conn.execute(
            "select date, count(*) from raw_binance.spot_klines group by date order by date"
        ).fetchall()
    assert days == [(date(2024, 1, 1), 1), (date(2024, 1, 2), 1), (date(2024, 1, 3), 1)]
