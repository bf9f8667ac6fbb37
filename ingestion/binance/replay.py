"""Sample mode for Binance: bundled payloads served as the spot and USD-M endpoints page them."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, timed_rows

INVALID_SYMBOL = {"code": -1121, "msg": "Invalid symbol."}


def _page(
    relative: str,
    request: ReplayRequest,
    time_key: str | int,
    max_limit: int,
    *,
    default_limit: int = 500,
) -> ReplayResponse:
    """The rows timed in [startTime, endTime], oldest first, at most ``limit`` of them."""
    start = int(request.params.get("startTime", 0))
    end = int(request.params.get("endTime", 2**62))
    limit = min(int(request.params.get("limit", default_limit)), max_limit)
    try:
        rows = timed_rows(relative, time_key, start=start)
    except FileNotFoundError:
        return ReplayResponse.json(INVALID_SYMBOL, status=400)
    return ReplayResponse.json(rows.between(start, end)[:limit])


def _symbol(request: ReplayRequest) -> str:
    symbol = request.params.get("symbol", "")
    # Only names from the bundle; never a path built from arbitrary input.
    return symbol if symbol.replace("_", "").isalnum() else "invalid"


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    symbol = _symbol(request)
    if request.path.endswith("/api/v3/klines"):
        return _page(f"binance/spot_klines/{symbol}.json.gz", request, 0, 1000)
    if request.path.endswith("/fapi/v1/klines"):
        return _page(f"binance/futures_klines/{symbol}.json.gz", request, 0, 1500)
    if request.path.endswith("/fapi/v1/fundingRate"):
        return _page(
            f"binance/funding_rates/{symbol}.json.gz",
            request,
            "fundingTime",
            1000,
            default_limit=100,
        )
    if request.path.endswith("/futures/data/openInterestHist"):
        if request.params.get("period") != "1d":
            return ReplayResponse.json(
                {"code": -1130, "msg": "sample serves period=1d only"}, status=400
            )
        return _page(
            f"binance/open_interest/{symbol}.json.gz",
            request,
            "timestamp",
            500,
            default_limit=100,
        )
    return ReplayResponse.json({"code": -5000, "msg": f"sample has no {request.path}"}, status=404)
