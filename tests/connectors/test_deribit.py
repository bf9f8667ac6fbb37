"""Deribit JSON-RPC: DVOL pages backwards via continuation, too_many_requests (10028), nullable
book-summary fields, spreads and instrument names."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import responses

from ingestion.deribit import client, records
from ingestion.errors import FetchError, PayloadError
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload

FIXTURES = Path(__file__).parents[1] / "fixtures" / "deribit"
BASE = "https://www.deribit.com"
DVOL_URL = f"{BASE}/api/v2/public/get_volatility_index_data"
BOOK_URL = f"{BASE}/api/v2/public/get_book_summary_by_currency"


def payload(
    name: str, endpoint: str, params: dict[str, str], *, body: bytes | None = None
) -> Payload:
    return Payload(
        "deribit",
        endpoint,
        f"{BASE}/x",
        params,
        200,
        body if body is not None else (FIXTURES / name).read_bytes(),
        "application/json",
        fetched_at=datetime(2024, 1, 1, 0, 5, tzinfo=UTC),
        landing_path=Path(f"/landing/deribit/{endpoint}/x.json.gz"),
    )


@responses.activate
def test_dvol_follows_continuation_backwards_until_null() -> None:
    responses.get(DVOL_URL, body=(FIXTURES / "dvol_page1.json").read_text())
    responses.get(DVOL_URL, body=(FIXTURES / "dvol_page2.json").read_text())
    http = SourceHttp("deribit", BASE, new_session())
    pages = client.fetch_volatility_index(http, "BTC", date(2024, 11, 14), date(2024, 11, 16))
    assert len(pages) == 2
    first, second = (call.request.params for call in responses.calls)
    assert first["resolution"] == "1D" and first["currency"] == "BTC"
    assert int(second["end_timestamp"]) == 1731628799999
    assert second["start_timestamp"] == first["start_timestamp"]
    days = sorted(d for p in pages for d in records.parse_volatility_index(p)["date"].to_list())
    assert days == [date(2024, 11, 14), date(2024, 11, 15), date(2024, 11, 16)]


def test_dvol_values_are_vol_points() -> None:
    frame = records.parse_volatility_index(
        payload("dvol_page1.json", "volatility_index", {"currency": "BTC"})
    )
    assert frame["close"].to_list() == [54.2, 53.7]


@responses.activate
def test_too_many_requests_is_retried_with_back_off() -> None:
    responses.get(DVOL_URL, status=400, body=(FIXTURES / "too_many_requests.json").read_text())
    responses.get(DVOL_URL, body=(FIXTURES / "dvol_page2.json").read_text())
    slept: list[float] = []
    http = SourceHttp("deribit", BASE, new_session(), sleep=slept.append)
    pages = client.fetch_volatility_index(http, "BTC", date(2024, 11, 14), date(2024, 11, 14))
    assert len(pages) == 1 and records.parse_volatility_index(pages[0]).height == 1
    assert slept == [client.RATE_LIMIT_BACKOFF_S]


@responses.activate
def test_persistent_too_many_requests_fails_with_a_clear_message() -> None:
    responses.get(DVOL_URL, status=400, body=(FIXTURES / "too_many_requests.json").read_text())
    slept: list[float] = []
    http = SourceHttp("deribit", BASE, new_session(), sleep=slept.append)
    with pytest.raises(FetchError) as err:
        client.fetch_volatility_index(http, "BTC", date(2024, 11, 14), date(2024, 11, 14))
    assert "too_many_requests (code 10028)" in str(err.value)
    assert len(responses.calls) == client.RATE_LIMIT_ATTEMPTS
    assert sum(slept) <= 10


def test_a_rate_limit_error_on_http_200_is_a_payload_error_not_data() -> None:
    with pytest.raises(PayloadError, match="too_many_requests"):
        records.parse_volatility_index(
            payload("too_many_requests.json", "volatility_index", {"currency": "BTC"})
        )


def test_null_mark_iv_stays_null_and_names_parse_into_expiry_strike_and_side() -> None:
    frame = records.parse_book_summaries(
        payload(
            "book_summary_btc_option.json", "book_summaries", {"currency": "BTC", "kind": "option"}
        )
    )
    rows = {r["instrument_name"]: r for r in frame.iter_rows(named=True)}
    put = rows["BTC-5JAN24-42000-P"]
    assert put["mark_iv"] is None and put["bid_price"] is None and put["last_price"] is None
    assert (
        put["expiry_date"] == date(2024, 1, 5)
        and put["strike"] == 42000
        and put["option_type"] == "put"
    )
    assert put["expiry_at"] == datetime(2024, 1, 5, 8, tzinfo=UTC)
    call = rows["BTC-27JUN25-100000-C"]
    assert (
        call["option_type"] == "call"
        and call["mark_iv"] == 61.0
        and call["underlying_index"] == "BTC-27JUN25"
    )
    # taken 00:05 on Jan 1: the snapshot of the day that just closed
    assert frame["date"].unique().to_list() == [date(2023, 12, 31)]


def test_futures_spreads_are_typed_as_combos_and_the_perpetual_keeps_funding() -> None:
    frame = records.parse_book_summaries(
        payload(
            "book_summary_btc_future.json", "book_summaries", {"currency": "BTC", "kind": "future"}
        )
    )
    types = dict(zip(frame["instrument_name"], frame["instrument_type"], strict=True))
    assert types == {
        "BTC-PERPETUAL": "perpetual",
        "BTC-29MAR24": "future",
        "BTC-FS-29MAR24_PERP": "future_combo",
    }
    perp = frame.filter(frame["instrument_type"] == "perpetual").row(0, named=True)
    assert perp["funding_8h"] == 0.00016 and perp["expiry_date"] is None


def test_an_unknown_instrument_name_is_rejected_with_its_field() -> None:
    body = json.loads((FIXTURES / "book_summary_btc_option.json").read_text())
    body["result"][2]["instrument_name"] = "BTC-27JUN25-100000"
    with pytest.raises(PayloadError) as err:
        records.parse_book_summaries(
            payload(
                "",
                "book_summaries",
                {"currency": "BTC", "kind": "option"},
                body=json.dumps(body).encode(),
            )
        )
    assert "result[2].instrument_name" in str(err.value)


def test_a_string_where_a_number_belongs_is_rejected() -> None:
    body = json.loads((FIXTURES / "book_summary_btc_option.json").read_text())
    body["result"][0]["mark_iv"] = "52.3"
    with pytest.raises(PayloadError, match=r"result\[0\]\.mark_iv"):
        records.parse_book_summaries(
            payload(
                "",
                "book_summaries",
                {"currency": "BTC", "kind": "option"},
                body=json.dumps(body).encode(),
            )
        )


@responses.activate
def test_book_summaries_ask_for_one_currency_and_kind() -> None:
    responses.get(BOOK_URL, body=(FIXTURES / "book_summary_btc_future.json").read_text())
    http = SourceHttp("deribit", BASE, new_session())
    page = client.fetch_book_summaries(http, "BTC", "future")
    assert responses.calls[0].request.params == {"currency": "BTC", "kind": "future"}
    assert records.parse_book_summaries(page).height == 3
