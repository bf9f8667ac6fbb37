"""alternative.me HTTP calls: payloads only."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

ALTERNATIVE_ME_BASE_URL = "https://api.alternative.me"
# Windows reaching further back than this ask for the whole history (limit=0) in one call.
FULL_HISTORY_AFTER_DAYS = 1000
# ``limit`` counts records, not days: source gaps (2024-10-26) would otherwise cut the window short.
GAP_MARGIN_RECORDS = 7


def fear_greed_limit(start: date, today: date) -> int:
    """The ``limit`` that reaches back from ``today`` to ``start``; 0 (all history) if far back."""
    days = (today - start).days + 1
    if days > FULL_HISTORY_AFTER_DAYS:
        return 0
    return max(days, 1) + GAP_MARGIN_RECORDS


def fetch_fear_greed(
    http: SourceHttp, start: date, end: date, *, today: date | None = None
) -> list[Payload]:
    """The one ``/fng/`` payload covering ``[start, end]``: the API only counts back from today,
    so ``end`` needs no parameter (the loader filters the window)."""
    today = today or datetime.now(UTC).date()
    limit = fear_greed_limit(start, max(today, end))
    return [http.get("fear_greed", "/fng/", {"limit": limit, "format": "json"})]
