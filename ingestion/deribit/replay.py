"""Sample mode for Deribit: JSON-RPC answers from bundled payloads (DVOL paged backwards with
``continuation``; one book-summary snapshot per day, served as the API would on that day)."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, sample_json, timed_rows

DVOL_PAGE_LIMIT = 1000


def _ok(result: object) -> ReplayResponse:
    return ReplayResponse.json(
        {"jsonrpc": "2.0", "result": result, "usIn": 0, "usOut": 0, "usDiff": 0, "testnet": False}
    )


def _error(code: int, message: str, status: int = 400) -> ReplayResponse:
    return ReplayResponse.json(
        {"jsonrpc": "2.0", "error": {"code": code, "message": message}}, status=status
    )


def _currency(request: ReplayRequest) -> str | None:
    currency = request.params.get("currency", "")
    return currency if currency in ("BTC", "ETH") else None


def _book(stem: str, as_of: date) -> list:
    """The day's snapshot: one file per day (``<stem>/<day>.json.gz``, a scaled sample's
    layout) or one file keyed by day (``<stem>.json.gz``, the bundled one)."""
    try:
        return sample_json(f"{stem}/{as_of.isoformat()}.json.gz")
    except FileNotFoundError:
        pass
    try:
        return sample_json(f"{stem}.json.gz").get(as_of.isoformat(), [])
    except FileNotFoundError:
        return []


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    currency = _currency(request)
    if currency is None:
        return _error(-32602, "Invalid params: currency")
    if request.path.endswith("/public/get_volatility_index_data"):
        try:
            start = int(request.params["start_timestamp"])
            end = int(request.params["end_timestamp"])
        except (KeyError, ValueError):
            return _error(-32602, "Invalid params: start_timestamp/end_timestamp required")
        if request.params.get("resolution") != "1D":
            return _error(-32602, "sample serves resolution=1D only")
        rows = timed_rows(f"deribit/volatility_index/{currency}.json.gz", 0, start=start).between(
            start, end
        )
        page = rows[-DVOL_PAGE_LIMIT:]
        continuation = page[0][0] - 1 if len(rows) > DVOL_PAGE_LIMIT else None
        return _ok({"data": page, "continuation": continuation})
    if request.path.endswith("/public/get_book_summary_by_currency"):
        kind = request.params.get("kind")
        if kind not in ("option", "future"):
            return _error(-32602, "Invalid params: kind")
        return _ok(_book(f"deribit/book_summaries/{currency}_{kind}", as_of))
    return _error(-32601, "Method not found", status=404)
