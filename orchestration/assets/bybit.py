"""Bybit raw assets: funding and open interest, the second venue.

Both re-fetch a trailing window of 3 days before each run's last day (``TrailingWindow(3)``):
a symbol-day that came back empty or late heals on the next runs, and an empty answer never
deletes the rows loaded before.
"""

from __future__ import annotations

from ingestion.bybit import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.assets.universe import configured_universe
from orchestration.ingest import RawSpec, TrailingWindow, for_each

SYMBOLS = configured_universe().bybit_perpetual_symbols()

FUNDING_RATES = RawSpec(
    source="bybit",
    entity="funding_rates",
    default_base_url=client.BASE_URL,
    fetch=for_each(SYMBOLS, client.fetch_funding_rates),
    universe=SYMBOLS,
    parse=records.parse_funding_rates,
    schema=records.RAW_FUNDING_RATES_SCHEMA,
    description="Bybit linear funding prints (the universe's perpetuals), one row per print.",
    key=("symbol", "funding_at"),
    gap_check_by=("symbol",),
    window=TrailingWindow(3),
)

OPEN_INTEREST = RawSpec(
    source="bybit",
    entity="open_interest",
    default_base_url=client.BASE_URL,
    fetch=for_each(SYMBOLS, client.fetch_open_interest),
    universe=SYMBOLS,
    parse=records.parse_open_interest,
    schema=records.RAW_OPEN_INTEREST_SCHEMA,
    description=(
        "Bybit linear daily open interest in coin (the universe's perpetuals); every version kept."
    ),
    key=("symbol", "period_at"),
    merge_on=("symbol", "date"),
    gap_check_by=("symbol",),
    window=TrailingWindow(3),
)

SPECS = (FUNDING_RATES, OPEN_INTEREST)
defs = raw_definitions(*SPECS)
