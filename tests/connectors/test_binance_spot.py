"""Binance spot klines: strings for numbers, the still-open candle, error bodies, drift."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import responses

from ingestion.binance import client, records
from ingestion.errors import PayloadError
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload

FIXTURES = Path(__file__).parents[1] / "fixtures" / "binance"


def payload(body: bytes, *, fetched_at: datetime | None = None, symbol: str = "BTCUSDT") -> Payload:
    return Payload(
        "binance",
        "spot_klines",
        "https://x/api/v3/klines",
        {"symbol": symbol},
        200,
        body,
        "application/json",
        fetched_at=fetched_at or datetime(2025, 1, 1, tzinfo=UTC),
        landing_path=Path("/landing/binance/spot_klines/x.json.gz"),
    )


def test_string_numbers_become_exact_decimals() -> None:
    frame = records.parse_spot_klines(payload((FIXTURES / "spot_klines_btcusdt.json").read_bytes()))
    assert frame.height == 2
    assert frame["close"][0] == Decimal("90558.48")
    assert frame["date"].to_list() == [date(2024, 11, 16), date(2024, 11, 17)]
    assert frame["symbol"].unique().to_list() == ["BTCUSDT"]


def test_the_still_open_newest_candle_is_flagged_not_closed() -> None:
    # fetched mid-way through 2024-11-17: that candle's close_time is in the future
    fetched = datetime(2024, 11, 17, 12, tzinfo=UTC)
    frame = records.parse_spot_klines(
        payload((FIXTURES / "spot_klines_btcusdt.json").read_bytes(), fetched_at=fetched)
    )
    assert frame["is_closed"].to_list() == [True, False]


def test_error_body_on_http_200_is_a_payload_error_naming_file_and_field() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_spot_klines(payload((FIXTURES / "error_invalid_symbol.json").read_bytes()))
    message = str(err.value)
    assert "[binance/spot_klines]" in message
    assert "field: code" in message
    assert "landing file: /landing/binance/spot_klines/x.json.gz" in message


def test_malformed_json_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="malformed JSON"):
        records.parse_spot_klines(payload(b'[[1731715200000,"91064.0"'))


def test_a_drifted_row_names_the_row_and_field() -> None:
    rows = json.loads((FIXTURES / "spot_klines_btcusdt.json").read_text())
    rows[1][4] = "n/a"
    with pytest.raises(PayloadError) as err:
        records.parse_spot_klines(payload(json.dumps(rows).encode()))
    assert "field: [1].close" in str(err.value)


def test_a_short_row_is_rejected_whole() -> None:
    with pytest.raises(PayloadError, match="12-element array"):
        records.parse_spot_klines(payload(b'[[1731715200000,"1","2"]]'))


@responses.activate
def test_pages_forward_from_the_last_open_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "KLINES_PAGE_LIMIT", 2)
    day = 86_400_000
    first = 1704067200000  # 2024-01-01
    rows = [
        [first + i * day, "1", "1", "1", "1", "1", first + (i + 1) * day - 1, "1", 1, "0", "0", "0"]
        for i in range(3)
    ]
    responses.get("https://b.test/api/v3/klines", json=rows[:2])
    responses.get("https://b.test/api/v3/klines", json=rows[2:])
    http = SourceHttp("binance", "https://b.test", new_session())
    pages = client.fetch_spot_klines(http, "BTCUSDT", date(2024, 1, 1), date(2024, 1, 3))
    assert len(pages) == 2
    second = responses.calls[1].request.params
    assert int(second["startTime"]) == rows[1][0] + 1
    assert second["symbol"] == "BTCUSDT" and second["interval"] == "1d"
