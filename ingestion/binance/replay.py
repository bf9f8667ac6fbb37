"""Sample mode for Binance: serve bundled klines exactly as /api/v3/klines pages them."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

from ingestion.replay import ReplayRequest, ReplayResponse, read_sample


@cache
def _klines(symbol: str) -> list[list]:
    return json.loads(read_sample(f"binance/spot_klines/{symbol}.json.gz"))


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if request.path.endswith("/api/v3/klines"):
        symbol = request.params.get("symbol", "")
        try:
            rows = _klines(symbol)
        except FileNotFoundError:
            return ReplayResponse.json({"code": -1121, "msg": "Invalid symbol."}, status=400)
        start = int(request.params.get("startTime", 0))
        end = int(request.params.get("endTime", 2**62))
        limit = min(int(request.params.get("limit", 500)), 1000)
        page = [row for row in rows if start <= row[0] <= end][:limit]
        return ReplayResponse.json(page)
    return ReplayResponse.json({"code": -5000, "msg": f"sample has no {request.path}"}, status=404)
