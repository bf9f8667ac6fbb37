"""Binance HTTP calls: payloads only, no parsing beyond what pagination needs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

SPOT_BASE_URL = "https://data-api.binance.vision"
SPOT_SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT")
KLINES_PAGE_LIMIT = 1000


def _ms(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp() * 1000)


def fetch_spot_klines(http: SourceHttp, symbol: str, start: date, end: date) -> list[Payload]:
    """Daily candles whose open time falls in [start, end] (UTC days), paging forward."""
    start_ms, end_ms = _ms(start), _ms(end + timedelta(days=1)) - 1
    payloads: list[Payload] = []
    cursor = start_ms
    while cursor <= end_ms:
        payload = http.get(
            "spot_klines",
            "/api/v3/klines",
            {
                "symbol": symbol,
                "interval": "1d",
                "startTime": cursor,
                "endTime": end_ms,
                "limit": KLINES_PAGE_LIMIT,
            },
        )
        payloads.append(payload)
        rows = payload.json()
        # An error object or a short page ends paging; the parser judges the content.
        if not isinstance(rows, list) or len(rows) < KLINES_PAGE_LIMIT:
            break
        last_open = rows[-1][0] if isinstance(rows[-1], list) and rows[-1] else None
        if not isinstance(last_open, int) or last_open + 1 <= cursor:
            break
        cursor = last_open + 1
    return payloads
