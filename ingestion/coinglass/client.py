"""CoinGlass HTTP calls: payloads only. The API key comes from the caller (the run's settings)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from ingestion.errors import MissingCredentialsError
from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://open-api-v4.coinglass.com"
API_KEY_VARIABLE = "CRW_COINGLASS_API_KEY"
API_KEY_HEADER = "CG-API-KEY"
EXCHANGES = "Binance,OKX,Bybit,Bitget,Gate,Hyperliquid,Bitmex,Deribit,HTX,Kraken"
CHUNK_DAYS = 1000


def api_key_headers(api_key: str | None) -> dict[str, str]:
    """The auth header, or MissingCredentialsError (the asset then reports itself skipped)."""
    key = (api_key or "").strip()
    if not key:
        raise MissingCredentialsError(
            f"no CoinGlass API key: set {API_KEY_VARIABLE} to fetch liquidations "
            "(skipped; every asset that does not need it still runs)",
            source="coinglass",
            endpoint="liquidations",
        )
    return {API_KEY_HEADER: key}


def _ms(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp() * 1000)


def fetch_liquidations(http: SourceHttp, coin: str, start: date, end: date) -> list[Payload]:
    """Daily aggregated long/short liquidations of ``coin`` across exchanges in [start, end]."""
    payloads = []
    first = start
    while first <= end:
        last = min(end, first + timedelta(days=CHUNK_DAYS - 1))
        payloads.append(
            http.get(
                "liquidations",
                "/api/futures/liquidation/aggregated-history",
                {
                    "symbol": coin,
                    "exchange_list": EXCHANGES,
                    "interval": "1d",
                    "start_time": _ms(first),
                    "end_time": _ms(last + timedelta(days=1)) - 1,
                    "limit": CHUNK_DAYS,
                },
            )
        )
        first = last + timedelta(days=1)
    return payloads
