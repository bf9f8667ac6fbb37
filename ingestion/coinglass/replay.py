"""Sample mode for CoinGlass: bundled aggregated liquidation history in the v4 envelope. Like
the API, a request without the CG-API-KEY header would be refused; sample mode sends none, so the
replay does not insist on it."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, timed_rows


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if not request.path.endswith("/api/futures/liquidation/aggregated-history"):
        return ReplayResponse.json(
            {"code": "404", "msg": f"sample has no {request.path}"}, status=404
        )
    coin = request.params.get("symbol", "")
    if coin not in ("BTC", "ETH"):
        return ReplayResponse.json({"code": "400", "msg": "symbol not supported", "data": None})
    if request.params.get("interval") != "1d":
        return ReplayResponse.json(
            {"code": "400", "msg": "sample serves interval=1d only", "data": None}
        )
    try:
        start = int(request.params.get("start_time", 0))
        end = int(request.params.get("end_time", 2**62))
        limit = int(request.params.get("limit", 1000))
    except ValueError:
        return ReplayResponse.json({"code": "400", "msg": "bad time range", "data": None})
    rows = timed_rows(f"coinglass/liquidations/{coin}.json.gz", "time", start=start).between(
        start, end
    )[:limit]
    return ReplayResponse.json({"code": "0", "msg": "success", "data": rows})
