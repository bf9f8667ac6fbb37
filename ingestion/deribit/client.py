"""Deribit HTTP calls: payloads only, plus the JSON-RPC rate-limit back-off."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta

from ingestion.errors import FetchError
from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://www.deribit.com"
BOOK_KINDS = ("option", "future")
TOO_MANY_REQUESTS = 10028
RATE_LIMIT_ATTEMPTS = 4
RATE_LIMIT_BACKOFF_S = 1.0
MAX_PAGES = 1000


def _rpc_error_code(body: bytes) -> int | None:
    try:
        obj = json.loads(body)
    except ValueError:
        return None
    error = obj.get("error") if isinstance(obj, dict) else None
    return error.get("code") if isinstance(error, dict) else None


def _call(http: SourceHttp, endpoint: str, method: str, params: dict[str, str | int]) -> Payload:
    """One public method; ``too_many_requests`` (10028) is retried with a bounded back-off, as
    Deribit's leaky bucket refills within a second or two."""
    for attempt in range(1, RATE_LIMIT_ATTEMPTS + 1):
        try:
            payload = http.get(endpoint, f"/api/v2/{method}", params)
        except FetchError as exc:
            landed = http.received[-1] if http.received else None
            if landed is None or _rpc_error_code(landed.body) != TOO_MANY_REQUESTS:
                raise
            if attempt == RATE_LIMIT_ATTEMPTS:
                raise FetchError(
                    f"{method}: Deribit kept answering too_many_requests (code "
                    f"{TOO_MANY_REQUESTS}) "
                    f"after {attempt} attempts with back-off; the credit pool is exhausted by "
                    "another client on this IP or the request rate is too high - retry later",
                    status=exc.status,
                    source=http.source,
                    endpoint=endpoint,
                    landing_path=landed.landing_path,
                ) from exc
            http.sleep(RATE_LIMIT_BACKOFF_S * 2 ** (attempt - 1))
            continue
        if _rpc_error_code(payload.body) == TOO_MANY_REQUESTS and attempt < RATE_LIMIT_ATTEMPTS:
            http.sleep(RATE_LIMIT_BACKOFF_S * 2 ** (attempt - 1))
            continue
        return payload
    raise AssertionError("unreachable")  # pragma: no cover


def _ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def fetch_volatility_index(
    http: SourceHttp, currency: str, start: date, end: date
) -> list[Payload]:
    """Daily DVOL candles in [start, end], following ``continuation`` backwards."""
    start_ms = _ms(datetime.combine(start, time(0), tzinfo=UTC))
    end_ms = _ms(datetime.combine(end + timedelta(days=1), time(0), tzinfo=UTC)) - 1
    payloads: list[Payload] = []
    cursor = end_ms
    for _ in range(MAX_PAGES):
        payload = _call(
            http,
            "volatility_index",
            "public/get_volatility_index_data",
            {
                "currency": currency,
                "start_timestamp": start_ms,
                "end_timestamp": cursor,
                "resolution": "1D",
            },
        )
        payloads.append(payload)
        body = payload.json()
        result = body.get("result") if isinstance(body, dict) else None
        continuation = result.get("continuation") if isinstance(result, dict) else None
        if not isinstance(continuation, int) or continuation < start_ms or continuation >= cursor:
            break
        cursor = continuation
    return payloads


def fetch_book_summaries(http: SourceHttp, currency: str, kind: str) -> Payload:
    """The current book summary of every ``kind`` instrument of ``currency`` (snapshot)."""
    return _call(
        http,
        "book_summaries",
        "public/get_book_summary_by_currency",
        {"currency": currency, "kind": kind},
    )
