"""CoinGecko HTTP calls: the ``/global`` snapshot payload."""

from __future__ import annotations

import dataclasses
from datetime import date

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

COINGECKO_BASE_URL = "https://api.coingecko.com"
API_KEY_HEADER = "x-cg-demo-api-key"


def auth_headers(api_key: str | None) -> dict[str, str]:
    """The Demo key goes in a header so it never reaches URLs, landing metadata or logs."""
    return {API_KEY_HEADER: api_key} if api_key else {}


def fetch_global_snapshot(http: SourceHttp, *, api_key: str | None = None) -> Payload:
    """The current ``/api/v3/global`` snapshot."""
    if api_key:
        # Same client (``received`` is shared), one more secret header.
        http = dataclasses.replace(
            http, secret_headers={**http.secret_headers, **auth_headers(api_key)}
        )
    return http.get("global_snapshots", "/api/v3/global")


def fetch_global_snapshots(
    http: SourceHttp, start: date, end: date, *, api_key: str | None = None
) -> list[Payload]:
    """The raw-table fetch shape: the endpoint only knows *now*, so the window is the caller's
    (one call per daily partition, on the day); ``start``/``end`` select nothing."""
    return [fetch_global_snapshot(http, api_key=api_key)]
