"""The paginator: one loop drives every page; the strategy decides where the next one starts."""

from __future__ import annotations

import pytest
import responses

from ingestion.http import SourceHttp, new_session
from ingestion.paging import ForwardTimePaginator, fetch_pages

URL = "https://p.test/rows"


def http() -> SourceHttp:
    return SourceHttp("binance", "https://p.test", new_session(), sleep=lambda s: None)


def starts() -> list[int]:
    return [int(call.request.params["startTime"]) for call in responses.calls]


@responses.activate
def test_a_full_page_moves_the_cursor_past_its_last_row_time() -> None:
    responses.get(URL, json=[{"t": 10}, {"t": 20}])
    responses.get(URL, json=[{"t": 30}])
    paginator = ForwardTimePaginator(0, 100, limit=2, time_field="t")
    pages = fetch_pages(http(), "funding_rates", "/rows", {"symbol": "BTCUSDT"}, paginator)
    assert len(pages) == 2 and starts() == [0, 21]
    second = responses.calls[1].request.params
    assert second == {"symbol": "BTCUSDT", "startTime": "21", "endTime": "100", "limit": "2"}


@responses.activate
def test_array_rows_are_read_by_index() -> None:
    responses.get(URL, json=[[5, "a"], [7, "b"]])
    responses.get(URL, json=[])
    pages = fetch_pages(http(), "k", "/rows", {}, ForwardTimePaginator(0, 100, 2, time_field=0))
    assert len(pages) == 2 and starts() == [0, 8]


@responses.activate
def test_a_short_page_ends_paging() -> None:
    responses.get(URL, json=[{"t": 10}])
    pages = fetch_pages(http(), "k", "/rows", {}, ForwardTimePaginator(0, 100, 2, time_field="t"))
    assert len(pages) == 1


@responses.activate
def test_an_error_object_on_200_ends_paging_and_leaves_the_verdict_to_the_parser() -> None:
    responses.get(URL, json={"code": -1121, "msg": "Invalid symbol."})
    pages = fetch_pages(http(), "k", "/rows", {}, ForwardTimePaginator(0, 100, 2, time_field="t"))
    assert len(pages) == 1 and pages[0].json()["code"] == -1121


@pytest.mark.parametrize(
    "rows",
    [
        [{"t": 10}, {"t": -5}],  # the last row is older than the cursor: it would never advance
        [{"t": 10}, {"x": 1}],  # no time in the last row
        [{"t": 10}, {"t": True}],  # a boolean is not a time
    ],
)
@responses.activate
def test_a_page_that_cannot_advance_the_cursor_ends_paging(rows: list) -> None:
    responses.get(URL, json=rows)
    pages = fetch_pages(http(), "k", "/rows", {}, ForwardTimePaginator(0, 100, 2, time_field="t"))
    assert len(pages) == 1


@responses.activate
def test_a_cursor_past_the_window_end_stops_without_another_request() -> None:
    responses.get(URL, json=[{"t": 50}, {"t": 100}])
    pages = fetch_pages(http(), "k", "/rows", {}, ForwardTimePaginator(0, 100, 2, time_field="t"))
    assert len(pages) == 1


def test_an_empty_window_asks_for_nothing() -> None:
    paginator = ForwardTimePaginator(10, 9, 2, time_field="t")
    assert not paginator.has_next_page
    assert fetch_pages(http(), "k", "/rows", {}, paginator) == []
