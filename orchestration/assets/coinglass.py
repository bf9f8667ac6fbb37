"""CoinGlass raw asset: aggregated liquidations per coin (needs CRW_COINGLASS_API_KEY live;
without it the asset is reported skipped and the rest of the run goes on).

Each run re-fetches a trailing window of 3 days before its last day (``TrailingWindow(3)``), so
a coin-day that came back empty or was still being aggregated heals on the next runs; an empty
answer never deletes the rows loaded before.
"""

from __future__ import annotations

from ingestion.coinglass import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.assets.universe import configured_universe
from orchestration.ingest import RawSpec, TrailingWindow, for_each

COINS = configured_universe().coinglass_coins()

LIQUIDATIONS = RawSpec(
    source="coinglass",
    entity="liquidations",
    default_base_url=client.BASE_URL,
    fetch=for_each(COINS, client.fetch_liquidations),
    universe=COINS,
    parse=records.parse_liquidations,
    schema=records.RAW_LIQUIDATIONS_SCHEMA,
    description="CoinGlass aggregated daily long/short liquidations (USD) per universe coin.",
    key=("symbol", "period_at"),
    gap_check_by=("symbol",),
    # Live mode only; raises MissingCredentialsError when unset (-> skipped).
    secret_headers=lambda settings: client.api_key_headers(settings.coinglass_api_key),
    window=TrailingWindow(3),
)

SPECS = (LIQUIDATIONS,)
defs = raw_definitions(*SPECS)
