"""Binance raw assets: spot klines, and USD-M funding, open interest and quarterly klines.

Each run re-fetches a trailing window of 3 days before its last day (``TrailingWindow(3)``) for
every table here, so a symbol-day that came back empty (maintenance, the still-open candle only)
or was corrected later heals on the next runs. An empty answer for one symbol replaces nothing:
its rows loaded before stay, and the fetch log marks the payload as an empty answer.
"""

from __future__ import annotations

from ingestion.binance import client, records
from orchestration.assets.raw import raw_definitions
from orchestration.assets.universe import configured_universe
from orchestration.ingest import RawSpec, TrailingWindow, for_each

UNIVERSE = configured_universe()
SPOT_SYMBOLS = UNIVERSE.binance_spot_symbols()
PERPETUAL_SYMBOLS = UNIVERSE.binance_perpetual_symbols()
FUTURES_PAIRS = UNIVERSE.binance_futures_pairs()

SPOT_KLINES = RawSpec(
    source="binance",
    entity="spot_klines",
    default_base_url=client.SPOT_BASE_URL,
    fetch=for_each(SPOT_SYMBOLS, client.fetch_spot_klines),
    universe=SPOT_SYMBOLS,
    parse=records.parse_spot_klines,
    schema=records.RAW_SPOT_KLINES_SCHEMA,
    description="Binance spot daily klines (UTC) against USDT, per symbol of the universe's spot.",
    key=("symbol", "open_time"),
    gap_check_by=("symbol",),
    window=TrailingWindow(3),
)

FUNDING_RATES = RawSpec(
    source="binance",
    entity="funding_rates",
    default_base_url=client.FUTURES_BASE_URL,
    base_url_name="binance_futures",
    fetch=for_each(PERPETUAL_SYMBOLS, client.fetch_funding_rates),
    universe=PERPETUAL_SYMBOLS,
    parse=records.parse_funding_rates,
    schema=records.RAW_FUNDING_RATES_SCHEMA,
    description=(
        "Binance USD-M funding prints (the universe's perpetuals), one row per print; the day is "
        "that of "
        "the print's nearest full hour (fundingTime is a few ms off). 8h or 4h per symbol."
    ),
    key=("symbol", "funding_at"),
    gap_check_by=("symbol",),
    window=TrailingWindow(3),
)

OPEN_INTEREST = RawSpec(
    source="binance",
    entity="open_interest",
    default_base_url=client.FUTURES_BASE_URL,
    base_url_name="binance_futures",
    fetch=for_each(PERPETUAL_SYMBOLS, client.fetch_open_interest),
    universe=PERPETUAL_SYMBOLS,
    parse=records.parse_open_interest,
    schema=records.RAW_OPEN_INTEREST_SCHEMA,
    description=(
        "Binance USD-M daily open interest (coin and USD) per symbol. The API serves ~30 days, "
        "so a load replaces only the days it returned and never deletes days the API no "
        "longer serves."
    ),
    key=("symbol", "period_at"),
    merge_on=("symbol", "date"),
    gap_check_by=("symbol",),
    window=TrailingWindow(3),
)

FUTURES_KLINES = RawSpec(
    source="binance",
    entity="futures_klines",
    default_base_url=client.FUTURES_BASE_URL,
    base_url_name="binance_futures",
    fetch=for_each(FUTURES_PAIRS, client.fetch_futures_klines),
    universe=FUTURES_PAIRS,
    parse=records.parse_futures_klines,
    schema=records.RAW_FUTURES_KLINES_SCHEMA,
    description=(
        "Binance USD-M quarterly delivery contracts (<PAIR>_YYMMDD of the universe's futures) "
        "daily klines, "
        "with the delivery date parsed from the symbol: the input of the front-quarter basis."
    ),
    key=("symbol", "open_time"),
    # One series per contract (no gap check: a contract ends at its delivery).
    series_by=("symbol",),
    window=TrailingWindow(3),
)

SPECS = (SPOT_KLINES, FUNDING_RATES, OPEN_INTEREST, FUTURES_KLINES)
defs = raw_definitions(*SPECS)
