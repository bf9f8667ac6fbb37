"""CoinGecko raw assets: /global is a snapshot of the current state, taken once a day."""

from __future__ import annotations

from ingestion.coingecko import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.ingest import RawSpec

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
    # Optional Demo key, sent as a header only.
    secret_headers=lambda settings: client.auth_headers(settings.coingecko_api_key),
    gap_check_by=(),
)

SPECS = (GLOBAL_SNAPSHOTS,)
defs = raw_definitions(*SPECS)
