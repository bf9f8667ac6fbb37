"""Bybit v5: the envelope, cursor pagination, startTime never alone, string numbers."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import responses

from ingestion.bybit import client, records, replay
from ingestion.errors import PayloadError
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "bybit"
BASE = "https://api.bybit.com"


def payload(name: str, endpoint: str, params: dict[str, str] | None = None) -> Payload:
    return Payload(
        "bybit",
        endpoint,
        f"{BASE}/x",
        params or {"symbol": "BTCUSDT"},
        200,
        (FIXTURES / name).read_bytes(),
        "application/json",
        fetched_at=datetime(2024, 11, 17, tzinfo=UTC),
        landing_path=Path(f"/landing/bybit/{endpoint}/x.json.gz"),
    )


def test_funding_strings_become_decimals_and_days_come_from_the_print_hour() -> None:
    frame = records.parse_funding_rates(payload("funding_history_btcusdt.json", "funding_rates"))
    assert frame.height == 3
    assert frame["funding_rate"].to_list()[0] == Decimal("-0.00002779")
    assert frame["date"].unique().to_list() == [date(2024, 11, 16)]


def test_a_non_zero_ret_code_on_http_200_is_an_error_naming_it() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_funding_rates(payload("error_params.json", "funding_rates"))
    assert "retCode=10001" in str(err.value) and "field: retCode" in str(err.value)


def test_open_interest_is_coin_per_day() -> None:
    frame = records.parse_open_interest(payload("open_interest_page1.json", "open_interest"))
    assert frame["date"].to_list() == [date(2024, 11, 17), date(2024, 11, 16)]
    assert frame["open_interest"][0] == Decimal("52012.412")


def test_a_renamed_field_names_row_and_field() -> None:
    body = json.loads((FIXTURES / "open_interest_page1.json").read_text())
    body["result"]["list"][1]["openInterestValue"] = body["result"]["list"][1].pop("openInterest")
    drifted = Payload(
        "bybit",
        "open_interest",
        f"{BASE}/x",
        {"symbol": "BTCUSDT"},
        200,
        json.dumps(body).encode(),
        "application/json",
    )
    with pytest.raises(PayloadError, match=r"field: openInterest"):
        records.parse_open_interest(drifted)


@responses.activate
def test_open_interest_follows_next_page_cursor_until_empty() -> None:
    responses.get(
        f"{BASE}/v5/market/open-interest", body=(FIXTURES / "open_interest_page1.json").read_text()
    )
    responses.get(
        f"{BASE}/v5/market/open-interest", body=(FIXTURES / "open_interest_page2.json").read_text()
    )
    http = SourceHttp("bybit", BASE, new_session())
    pages = client.fetch_open_interest(http, "BTCUSDT", date(2024, 11, 15), date(2024, 11, 17))
    assert len(pages) == 2
    first, second = (call.request.params for call in responses.calls)
    assert "cursor" not in first
    assert second["cursor"] == "lastid%3D5512%26lasttime%3D1731715200"
    assert first["intervalTime"] == "1d" and first["category"] == "linear"
    days = [d for p in pages for d in records.parse_open_interest(p)["date"].to_list()]
    assert sorted(days) == [date(2024, 11, 15), date(2024, 11, 16), date(2024, 11, 17)]


@responses.activate
def test_funding_always_sends_end_time_and_pages_backwards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "PAGE_LIMIT", 2)
    body = json.loads((FIXTURES / "funding_history_btcusdt.json").read_text())
    rows = body["result"]["list"]
    page1 = {**body, "result": {"category": "linear", "list": rows[:2]}}
    page2 = {**body, "result": {"category": "linear", "list": rows[2:]}}
    responses.get(f"{BASE}/v5/market/funding/history", json=page1)
    responses.get(f"{BASE}/v5/market/funding/history", json=page2)
    http = SourceHttp("bybit", BASE, new_session())
    pages = client.fetch_funding_rates(http, "BTCUSDT", date(2024, 11, 16), date(2024, 11, 16))
    assert len(pages) == 2
    for call in responses.calls:
        assert "startTime" in call.request.params and "endTime" in call.request.params
    assert (
        int(responses.calls[1].request.params["endTime"])
        == int(rows[1]["fundingRateTimestamp"]) - 1
    )


def test_the_replay_rejects_start_time_alone_like_the_api() -> None:
    answer = replay.respond(
        ReplayRequest(
            "/v5/market/funding/history",
            {"category": "linear", "symbol": "BTCUSDT", "startTime": "1"},
            {},
        ),
        as_of=date(2025, 1, 1),
    )
    assert json.loads(answer.body)["retCode"] == 10001


def test_the_replay_pages_open_interest_with_an_opaque_cursor() -> None:
    params = {
        "category": "linear",
        "symbol": "BTCUSDT",
        "intervalTime": "1d",
        "startTime": "0",
        "endTime": str(2**60),
        "limit": "200",
    }
    first = json.loads(
        replay.respond(
            ReplayRequest("/v5/market/open-interest", params, {}), date(2025, 11, 15)
        ).body
    )
    cursor = first["result"]["nextPageCursor"]
    second = json.loads(
        replay.respond(
            ReplayRequest("/v5/market/open-interest", {**params, "cursor": cursor}, {}),
            date(2025, 11, 15),
        ).body
    )
    assert len(first["result"]["list"]) == 200 and cursor
    newest_second = int(second["result"]["list"][0]["timestamp"])
    assert newest_second < int(first["result"]["list"][-1]["timestamp"])
