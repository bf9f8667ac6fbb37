"""FRED HTTP calls: one fredgraph.csv payload per series."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

FRED_BASE_URL = "https://fred.stlouisfed.org"
SERIES = ("NASDAQ100", "SP500", "VIXCLS")


def fetch_observations(
    http: SourceHttp, start: date, end: date, *, series: Sequence[str] = SERIES
) -> list[Payload]:
    """Observations dated in ``[start, end]``, one payload per series."""
    return [
        http.get(
            "observations",
            "/graph/fredgraph.csv",
            {"id": series_id, "cosd": start.isoformat(), "coed": end.isoformat()},
        )
        for series_id in series
    ]
