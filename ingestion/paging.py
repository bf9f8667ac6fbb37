"""Pagination as a tiny strategy object (the shape of dlt's rest_client paginators): the
paginator says what the next request adds to the query and, from each page, whether there is
another. ``fetch_pages`` is the one loop that drives it, so every page is fetched, landed and
returned the same way whatever the source's paging scheme.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ingestion.http import SourceHttp
from ingestion.payloads import Payload


class Paginator(Protocol):
    @property
    def has_next_page(self) -> bool: ...

    def page_params(self) -> dict[str, str | int]:
        """What the next request adds to (or overrides in) the base query."""
        ...

    def update_state(self, payload: Payload) -> None:
        """Read the page just received; decide whether and where the next page starts."""
        ...


@dataclass
class ForwardTimePaginator:
    """Binance's forward paging: ask for ``[cursor, end_ms]`` with a page ``limit``; a full page
    moves the cursor to its last row's time + 1. An error object, a short page, a row without a
    readable time or a cursor that does not advance ends paging (the parser judges the content).

    ``time_field`` locates a row's time in ms: an index into array rows (klines) or a key of
    object rows (funding, open interest)."""

    start_ms: int
    end_ms: int
    limit: int
    time_field: int | str
    cursor: int = field(init=False)
    has_next_page: bool = field(init=False)

    def __post_init__(self) -> None:
        self.cursor = self.start_ms
        self.has_next_page = self.start_ms <= self.end_ms

    def page_params(self) -> dict[str, str | int]:
        return {"startTime": self.cursor, "endTime": self.end_ms, "limit": self.limit}

    def update_state(self, payload: Payload) -> None:
        rows = payload.json()
        if not isinstance(rows, list) or len(rows) < self.limit:
            self.has_next_page = False
            return
        last = _row_time(rows[-1], self.time_field)
        if last is None or last + 1 <= self.cursor:
            self.has_next_page = False
            return
        self.cursor = last + 1
        self.has_next_page = self.cursor <= self.end_ms


def _row_time(row: Any, time_field: int | str) -> int | None:
    if isinstance(time_field, int):
        value = row[time_field] if isinstance(row, list) and len(row) > time_field else None
    else:
        value = row.get(time_field) if isinstance(row, dict) else None
    # bool is an int to Python, never a time to an API.
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def fetch_pages(
    http: SourceHttp,
    endpoint: str,
    path: str,
    params: Mapping[str, str | int],
    paginator: Paginator,
) -> list[Payload]:
    """Every page ``paginator`` asks for, in order (each landed by ``http`` as it arrives)."""
    payloads: list[Payload] = []
    while paginator.has_next_page:
        payload = http.get(endpoint, path, {**params, **paginator.page_params()})
        payloads.append(payload)
        paginator.update_state(payload)
    return payloads
