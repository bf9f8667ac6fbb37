"""Farside HTTP calls: flow pages as payloads, no parsing beyond choosing which pages to get."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingestion.farside import records
from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://farside.co.uk"
# Farside answers many non-browser clients with a Cloudflare challenge; say who we are anyway.
USER_AGENT = (
    "Mozilla/5.0 (compatible; crypto-risk-warehouse/0.1; daily ETF flow table, 1-2 requests/day)"
)


@dataclass(frozen=True)
class FlowPage:
    asset: str
    kind: str  # "all_data" (full history) | "recent"
    path: str

    @property
    def endpoint(self) -> str:
        return f"{self.asset.lower()}_{self.kind}"


PAGES: tuple[FlowPage, ...] = (
    FlowPage("BTC", "recent", "/btc/"),
    FlowPage("BTC", "all_data", "/bitcoin-etf-flow-all-data/"),
    FlowPage("ETH", "recent", "/eth/"),
    FlowPage("ETH", "all_data", "/ethereum-etf-flow-all-data/"),
    FlowPage("SOL", "recent", "/sol/"),
)


def page(asset: str, kind: str) -> FlowPage | None:
    return next((p for p in PAGES if p.asset == asset and p.kind == kind), None)


def fetch_flow_page(http: SourceHttp, flow_page: FlowPage) -> Payload:
    return http.get(flow_page.endpoint, flow_page.path)


def fetch_etf_flows(
    http: SourceHttp, start: date, end: date, *, assets: tuple[str, ...]
) -> list[Payload]:
    """Every asset's recent page; plus its full-history page when the recent page does not reach
    back to ``start`` (backfills). ``end`` needs no request parameter: pages always run to today."""
    del end
    payloads: list[Payload] = []
    for asset in assets:
        recent = page(asset, "recent")
        history = page(asset, "all_data")
        if recent is None:  # pragma: no cover - the universe's loader refuses such an asset
            raise ValueError(f"no recent Farside page for {asset}")
        first = fetch_flow_page(http, recent)
        payloads.append(first)
        earliest = records.first_listed_date(first)
        if history is not None and (earliest is None or earliest > start):
            payloads.append(fetch_flow_page(http, history))
    return payloads
