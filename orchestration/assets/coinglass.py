"""CoinGlass raw asset: aggregated liquidations per coin (needs CRW_COINGLASS_API_KEY live;
without it the asset is reported skipped and the rest of the run goes on)."""

from __future__ import annotations

from datetime import date

from ingestion.coinglass import client, records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload
from orchestration.assets.raw import raw_asset, raw_checks
from orchestration.ingest import RawSpec


def _fetch_liquidations(http: SourceHttp, start: date, end: date) -> list[Payload]:
    return [p for c in client.COINS for p in client.fetch_liquidations(http, c, start, end)]


LIQUIDATIONS = RawSpec(
    source="coinglass",
    entity="liquidations",
    default_base_url=client.BASE_URL,
    fetch=_fetch_liquidations,
    parse=records.parse_liquidations,
    schema=records.RAW_LIQUIDATIONS_SCHEMA,
    description="CoinGlass aggregated daily long/short liquidations (USD) for BTC and ETH.",
    key=("symbol", "period_at"),
    gap_check_by=("symbol",),
    # Read at run time, live mode only; raises MissingCredentialsError when unset (-> skipped).
    secret_headers=client.api_key_headers,
)

ASSETS = [raw_asset(LIQUIDATIONS)]
CHECKS = [*raw_checks(LIQUIDATIONS)]
