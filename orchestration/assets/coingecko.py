"""CoinGecko raw assets: /global is a snapshot of the current state, taken once a day."""

from __future__ import annotations

import os

from ingestion.coingecko import client, records
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec


def _key_headers() -> dict[str, str]:
    # Read when the run starts, never at import; sent as a header only.
    return client.auth_headers(os.environ.get(client.API_KEY_ENV) or None)


GLOBAL_SNAPSHOTS = RawSpec(
    source="coingecko",
    entity="global_snapshots",
    default_base_url=client.COINGECKO_BASE_URL,
    fetch=lambda http, start, end: client.fetch_global_snapshots(http, start, end),
    parse=records.parse_global_snapshots,
    schema=records.RAW_GLOBAL_SNAPSHOTS_SCHEMA,
    description="CoinGecko /global: total market cap and dominance, one snapshot per UTC day.",
    key=("updated_at",),
    snapshot=True,
    secret_headers=_key_headers,
    gap_check_by=(),
)

ASSETS = [raw_asset(GLOBAL_SNAPSHOTS)]
CHECKS = [*raw_checks(GLOBAL_SNAPSHOTS)]
