"""Sample mode for Bybit: serve bundled v5 payloads with the API's paging and envelope."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, TimedRows, timed_rows

SERVER_TIME_MS = 1763251200000


def _envelope(result: dict, code: int = 0, msg: str = "OK") -> ReplayResponse:
    return ReplayResponse.json(
        {"retCode": code, "retMsg": msg, "result": result, "retExtInfo": {}, "time": SERVER_TIME_MS}
    )


def _load(kind: str, symbol: str, time_key: str, start: int | None) -> TimedRows | None:
    if not symbol.isalnum():
        return None
    try:
        return timed_rows(f"bybit/{kind}/{symbol}.json.gz", time_key, start=start)
    except FileNotFoundError:
        return None


def _bounds(request: ReplayRequest) -> tuple[int, int] | ReplayResponse:
    start, end = request.params.get("startTime"), request.params.get("endTime")
    if start is not None and end is None:
        # The real API rejects startTime without endTime.
        return _envelope({}, 10001, "params error: endTime is required when startTime is passed")
    return int(start or 0), int(end or 2**62)


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    params = request.params
    symbol = params.get("symbol", "")
    since = params.get("startTime", "")
    since_ms = int(since) if since.isdigit() else None
    if params.get("category") != "linear":
        return _envelope({}, 10001, "params error: category")
    if request.path.endswith("/v5/market/funding/history"):
        rows = _load("funding_rates", symbol, "fundingRateTimestamp", since_ms)
        if rows is None:
            return _envelope({}, 10001, "params error: symbol invalid")
        bounds = _bounds(request)
        if isinstance(bounds, ReplayResponse):
            return bounds
        start, end = bounds
        limit = min(int(params.get("limit", 200)), 200)
        picked = rows.between(start, end)[::-1]  # newest first, as the API pages
        return _envelope({"category": "linear", "list": picked[:limit]})
    if request.path.endswith("/v5/market/open-interest"):
        rows = _load("open_interest", symbol, "timestamp", since_ms)
        if rows is None:
            return _envelope({}, 10001, "params error: symbol invalid")
        if params.get("intervalTime") != "1d":
            return _envelope({}, 10001, "sample serves intervalTime=1d only")
        bounds = _bounds(request)
        if isinstance(bounds, ReplayResponse):
            return bounds
        start, end = bounds
        limit = min(int(params.get("limit", 50)), 200)
        picked = rows.between(start, end)[::-1]
        # An opaque cursor, as Bybit's: the offset into the newest-first list.
        cursor = params.get("cursor", "")
        offset = int(cursor.removeprefix("page%3D")) if cursor.startswith("page%3D") else 0
        page = picked[offset : offset + limit]
        more = offset + limit < len(picked)
        return _envelope(
            {
                "symbol": symbol,
                "category": "linear",
                "list": page,
                "nextPageCursor": f"page%3D{offset + limit}" if more else "",
            }
        )
    return ReplayResponse.json(
        {"retCode": 10404, "retMsg": f"sample has no {request.path}"}, status=404
    )
