"""Truncation is an error, never a shorter result (issue 13): every JSON and HTML source's
parser fails on a body that ends early, naming the source, endpoint and landing file (FRED's CSV
and BLS's ICS have their own tests)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from ingestion.alternative_me import records as alternative_me
from ingestion.binance import records as binance
from ingestion.bybit import records as bybit
from ingestion.coingecko import records as coingecko
from ingestion.coinglass import records as coinglass
from ingestion.deribit import records as deribit
from ingestion.errors import PayloadError
from ingestion.farside import records as farside
from ingestion.fed import records as fed
from ingestion.payloads import Payload

FIXTURES = Path(__file__).parents[1] / "fixtures"
LANDING = Path("/landing/x/y/2025-11-14/cut.json.gz")
# Every parameter any JSON parser reads from its request; each parser takes what it needs.
PARAMS = {"symbol": "BTCUSDT", "currency": "BTC", "kind": "option", "coin": "BTC"}

# (source, endpoint, recorded payload, its parser)
JSON_SOURCES: list[tuple[str, str, str, Callable[[Payload], pl.DataFrame]]] = [
    ("binance", "spot_klines", "spot_klines_btcusdt", binance.parse_spot_klines),
    ("binance", "funding_rates", "funding_rates_btcusdt", binance.parse_funding_rates),
    ("binance", "open_interest", "open_interest_hist_btcusdt", binance.parse_open_interest),
    ("binance", "futures_klines", "futures_klines_btcusdt_241227", binance.parse_futures_klines),
    ("bybit", "funding_rates", "funding_history_btcusdt", bybit.parse_funding_rates),
    ("bybit", "open_interest", "open_interest_page1", bybit.parse_open_interest),
    ("deribit", "volatility_index", "dvol_page1", deribit.parse_volatility_index),
    ("deribit", "book_summaries", "book_summary_btc_option", deribit.parse_book_summaries),
    ("coinglass", "liquidations", "aggregated_liquidations_btc", coinglass.parse_liquidations),
    ("coingecko", "global_snapshots", "global", coingecko.parse_global_snapshots),
    ("alternative_me", "fear_greed", "fng_limit_3", alternative_me.parse_fear_greed),
]
IDS = [f"{source}/{name}" for source, _, name, _ in JSON_SOURCES]


def payload(source: str, endpoint: str, body: bytes) -> Payload:
    params = dict(PARAMS)
    if endpoint == "futures_klines":
        params["symbol"] = "BTCUSDT_241227"
    return Payload(
        source,
        endpoint,
        f"https://x/{endpoint}",
        params,
        200,
        body,
        "application/json",
        fetched_at=datetime(2025, 11, 15, tzinfo=UTC),
        landing_path=LANDING,
    )


@pytest.mark.parametrize(("source", "endpoint", "name", "parse"), JSON_SOURCES, ids=IDS)
def test_the_whole_recorded_payload_parses(source, endpoint, name, parse) -> None:
    body = (FIXTURES / source / f"{name}.json").read_bytes()
    assert parse(payload(source, endpoint, body)).height > 0


@pytest.mark.parametrize(("source", "endpoint", "name", "parse"), JSON_SOURCES, ids=IDS)
def test_json_that_ends_early_is_a_payload_error_naming_the_landing_file(
    source, endpoint, name, parse
) -> None:
    body = (FIXTURES / source / f"{name}_truncated.json").read_bytes()
    with pytest.raises(PayloadError) as err:
        parse(payload(source, endpoint, body))
    message = str(err.value)
    assert f"[{source}/{endpoint}]" in message
    assert "the body ends early" in message and "truncated" in message
    assert f"landing file: {LANDING}" in message


@pytest.mark.parametrize(("source", "endpoint", "name", "parse"), JSON_SOURCES, ids=IDS)
def test_json_cut_at_any_byte_is_an_error_never_fewer_rows(source, endpoint, name, parse) -> None:
    whole = (FIXTURES / source / f"{name}.json").read_bytes().rstrip()
    for cut in range(1, len(whole)):
        with pytest.raises(PayloadError, match="the body ends early"):
            parse(payload(source, endpoint, whole[:cut]))


# HTML sources: html.parser reads a cut page without complaint, so a cut table used to load as
# fewer rows, or all of them with no warning that the page's tail was missing.
HTML_SOURCES: list[tuple[str, str, str, Callable[[Payload], pl.DataFrame]]] = [
    ("farside", "btc_all_data", "btc_all_data_truncated.html", farside.parse_etf_flows),
    ("fed", "fomc_meetings", "fomc_calendar_truncated.htm", fed.parse_fomc_meetings),
]


@pytest.mark.parametrize(
    ("source", "endpoint", "name", "parse"), HTML_SOURCES, ids=[s[0] for s in HTML_SOURCES]
)
def test_an_html_page_cut_before_its_end_is_a_payload_error_not_fewer_rows(
    source, endpoint, name, parse
) -> None:
    body = (FIXTURES / source / name).read_bytes()
    cut = Payload(
        source,
        endpoint,
        "https://x/",
        {},
        200,
        body,
        "text/html",
        fetched_at=datetime(2025, 11, 15, tzinfo=UTC),
        landing_path=LANDING,
    )
    with pytest.raises(PayloadError) as err:
        parse(cut)
    message = str(err.value)
    assert "ends without </html>" in message and "truncated" in message
    assert "field: </html>" in message and f"landing file: {LANDING}" in message
