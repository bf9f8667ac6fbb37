"""CoinGlass: the API key in a header only, code != "0" on HTTP 200, numbers vs strings, and a
missing key that skips the asset while the rest of the run goes on."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest
import responses
from responses import matchers

from ingestion.coinglass import client, records
from ingestion.errors import MissingCredentialsError, PayloadError
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload
from orchestration.assets import bybit as bybit_assets
from orchestration.assets import coinglass as coinglass_assets
from orchestration.assets.raw import raw_asset
from orchestration.ingest import ingest_window
from orchestration.resources import WarehouseResource
from warehouse.connection import connect
from warehouse.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures"
BASE = "https://open-api-v4.coinglass.com"
URL = f"{BASE}/api/futures/liquidation/aggregated-history"


def payload(name: str) -> Payload:
    return Payload(
        "coinglass",
        "liquidations",
        URL,
        {"symbol": "BTC"},
        200,
        (FIXTURES / "coinglass" / name).read_bytes(),
        "application/json",
        fetched_at=datetime(2024, 11, 17, tzinfo=UTC),
        landing_path=Path("/landing/coinglass/liquidations/x.json.gz"),
    )


def test_aggregated_numbers_parse_to_exact_decimals() -> None:
    frame = records.parse_liquidations(payload("aggregated_liquidations_btc.json"))
    assert frame["long_liquidation_usd"][0] == Decimal("5916885.14")
    assert frame["date"].to_list() == [date(2024, 11, 15), date(2024, 11, 16)]
    assert frame["short_liquidation_usd"][1] == 0


def test_string_amounts_parse_the_same_as_numbers() -> None:
    strings = records.parse_liquidations(payload("pair_liquidations_strings.json"))
    numbers = records.parse_liquidations(payload("aggregated_liquidations_btc.json"))
    assert strings.row(0) == numbers.row(0)


def test_code_other_than_zero_on_http_200_is_an_error() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_liquidations(payload("error_plan_limit.json"))
    assert "code='40001'" in str(err.value) and "field: code" in str(err.value)


def test_a_missing_key_raises_missing_credentials() -> None:
    with pytest.raises(MissingCredentialsError, match="CRW_COINGLASS_API_KEY"):
        client.api_key_headers(None)
    assert client.api_key_headers("k") == {"CG-API-KEY": "k"}


def test_live_ingest_sends_the_key_only_as_a_header(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CRW_SOURCE_MODE", "live")
    monkeypatch.setenv("CRW_COINGLASS_API_KEY", "secret-key-123")
    live = Settings.from_env()
    body = (FIXTURES / "coinglass" / "aggregated_liquidations_btc.json").read_text()
    with responses.RequestsMock() as mock:
        mock.get(URL, body=body, match=[matchers.header_matcher({"CG-API-KEY": "secret-key-123"})])
        result = ingest_window(
            coinglass_assets.LIQUIDATIONS, live, date(2024, 11, 15), date(2024, 11, 16)
        )
        urls = [call.request.url for call in mock.calls]
    assert result.rows_inserted == 4  # BTC and ETH (the mock serves the same body)
    assert all("secret-key-123" not in url for url in urls)
    landed = list((live.landing_dir / "coinglass").rglob("*"))
    assert landed and all(
        "secret-key-123" not in p.read_bytes().decode("latin-1") for p in landed if p.is_file()
    )
    with connect(live.duckdb_path, read_only=True) as conn:
        assert "secret-key-123" not in json.dumps(
            conn.execute("select * from meta.fetch_log").fetchall(), default=str
        )


@responses.activate
def test_without_a_key_the_asset_is_skipped_and_the_rest_of_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CRW_COINGLASS_API_KEY", raising=False)
    bybit_btc = (FIXTURES / "bybit" / "funding_history_btcusdt.json").read_text()
    bybit_empty = json.dumps(
        {"retCode": 0, "retMsg": "OK", "result": {"category": "linear", "list": []}}
    )
    responses.add_callback(
        responses.GET,
        "https://api.bybit.com/v5/market/funding/history",
        callback=lambda r: (200, {}, bybit_btc if r.params["symbol"] == "BTCUSDT" else bybit_empty),
    )
    warehouse = WarehouseResource(source_mode="live", data_dir=str(tmp_path / "data"))
    result = dg.materialize(
        [
            raw_asset(coinglass_assets.LIQUIDATIONS),
            raw_asset(bybit_assets.FUNDING_RATES),
        ],
        partition_key="2024-11-16",
        resources={"warehouse": warehouse},
    )
    assert result.success
    events = {e.asset_key.to_user_string(): e for e in result.get_asset_materialization_events()}
    skipped = events["coinglass/liquidations"].event_specific_data.materialization.metadata
    assert skipped["skipped"].value is True
    assert "CRW_COINGLASS_API_KEY" in skipped["skip_reason"].value
    assert not any(c.request.url.startswith(BASE) for c in responses.calls)
    with connect(warehouse.settings().duckdb_path, read_only=True) as conn:
        schemas = {
            s
            for (s,) in conn.execute(
                "select schema_name from information_schema.schemata"
            ).fetchall()
        }
        assert "raw_coinglass" not in schemas
        assert conn.execute("select count(*) from raw_bybit.funding_rates").fetchall() == [(3,)]


def test_sample_mode_needs_no_key(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CRW_COINGLASS_API_KEY", raising=False)
    result = ingest_window(
        coinglass_assets.LIQUIDATIONS, settings, date(2025, 11, 10), date(2025, 11, 14)
    )
    assert result.rows_inserted == 10


@responses.activate
def test_requests_are_chunked_to_the_page_limit() -> None:
    responses.get(URL, json={"code": "0", "msg": "success", "data": []})
    http = SourceHttp("coinglass", BASE, new_session())
    pages = client.fetch_liquidations(http, "BTC", date(2022, 1, 1), date(2025, 1, 1))
    assert len(pages) == 2
    assert responses.calls[0].request.params["interval"] == "1d"
