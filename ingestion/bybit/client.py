"""Bybit HTTP calls: payloads only, no parsing beyond what pagination needs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://api.bybit.com"
CATEGORY = "linear"
PAGE_LIMIT = 200
MAX_PAGES = 1000


def _window_ms(start: date, end: date) -> tuple[int, int]:
    first = datetime.combine(start, time(0), tzinfo=UTC)
    last = datetime.combine(end + timedelta(days=1), time(0), tzinfo=UTC)
    return int(first.timestamp() * 1000), int(last.timestamp() * 1000) - 1


def _list(payload: Payload) -> list:
    body = payload.json()
    result = body.get("result") if isinstance(body, dict) else None
    rows = result.get("list") if isinstance(result, dict) else None
    return rows if isinstance(rows, list) else []


def fetch_funding_rates(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Funding prints in [start, end], newest first, paging backwards by ``endTime``.

    The window starts one hour early so a print stamped just before midnight is not lost."""
    start_ms, end_ms = _window_ms(start, end)
    start_ms -= 3_600_000
    payloads: list[Payload] = []
    cursor_end = end_ms
    for _ in range(MAX_PAGES):
        payload = http.get(
            "funding_rates",
            "/v5/market/funding/history",
            {
                "category": CATEGORY,
                "symbol": symbol,
                # startTime alone is an error on this endpoint: always send both bounds.
                "startTime": start_ms,
                "endTime": cursor_end,
                "limit": PAGE_LIMIT,
            },
        )
        payloads.append(payload)
        rows = _list(payload)
        if len(rows) < PAGE_LIMIT:
            break
        try:
            oldest = min(int(r["fundingRateTimestamp"]) for r in rows)
        except (KeyError, TypeError, ValueError):
            break  # the parser names the broken field
        if oldest - 1 < start_ms or oldest - 1 >= cursor_end:
            break
        cursor_end = oldest - 1
    return payloads


def fetch_open_interest(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Daily open interest in [start, end], following ``nextPageCursor`` until it is empty."""
    start_ms, end_ms = _window_ms(start, end)
    payloads: list[Payload] = []
    cursor = ""
    for _ in range(MAX_PAGES):
        params: dict[str, str | int] = {
            "category": CATEGORY,
            "symbol": symbol,
            "intervalTime": "1d",
            "startTime": start_ms,
            "endTime": end_ms,
            "limit": PAGE_LIMIT,
        }
        if cursor:
            params["cursor"] = cursor
        payload = http.get("open_interest", "/v5/market/open-interest", params)
        payloads.append(payload)
        body = payload.json()
        result = body.get("result") if isinstance(body, dict) else None
        next_cursor = result.get("nextPageCursor") if isinstance(result, dict) else None
        if not next_cursor or next_cursor == cursor or not _list(payload):
            break
        cursor = next_cursor
    return payloads
