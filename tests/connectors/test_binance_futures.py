"""Binance USD-M futures: funding prints off the hour, 4h/8h symbols, open interest that the API
forgets after ~30 days, quarterly klines across a roll, 429 and the terminal 451 geo-block."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import dagster as dg
import pytest
import responses

from ingestion.binance import client, records
from ingestion.errors import PayloadError, SourceBlockedError
from ingestion.http import RetryPolicy, SourceHttp, new_session
from ingestion.payloads import Payload
from orchestration.assets import binance as binance_assets
from orchestration.assets import bybit as bybit_assets
from orchestration.assets.raw import raw_asset
from orchestration.ingest import ingest_window
from orchestration.resources import WarehouseResource
from warehouse.connection import connect
from warehouse.settings import Settings

FIXTURES = Path(__file__).parents[1] / "fixtures"
FAPI = "https://fapi.binance.com"


def payload(
    name: str, endpoint: str, params: dict[str, str], *, body: bytes | None = None
) -> Payload:
    return Payload(
        "binance",
        endpoint,
        f"{FAPI}/x",
        params,
        200,
        body if body is not None else (FIXTURES / "binance" / name).read_bytes(),
        "application/json",
        fetched_at=datetime(2024, 11, 17, tzinfo=UTC),
        landing_path=Path(f"/landing/binance/{endpoint}/x.json.gz"),
    )


def test_a_print_a_few_ms_before_midnight_belongs_to_the_next_day() -> None:
    frame = records.parse_funding_rates(
        payload("funding_rates_btcusdt.json", "funding_rates", {"symbol": "BTCUSDT"})
    )
    first = frame.row(0, named=True)
    assert first["funding_at"] == datetime(2024, 11, 15, 23, 59, 59, 998000, tzinfo=UTC)
    assert first["funding_hour_at"] == datetime(2024, 11, 16, tzinfo=UTC)
    assert first["date"] == date(2024, 11, 16)
    assert frame["funding_hour_at"].dt.hour().to_list() == [0, 8, 16]
    assert frame["funding_rate"].to_list() == [
        Decimal("0.0001"),
        Decimal("0.00012"),
        Decimal("-0.000025"),
    ]


def test_an_empty_mark_price_is_null_not_an_error() -> None:
    frame = records.parse_funding_rates(
        payload("funding_rates_btcusdt.json", "funding_rates", {"symbol": "BTCUSDT"})
    )
    assert frame["mark_price"].to_list()[2] is None


def test_a_4h_symbol_yields_six_prints_in_one_day() -> None:
    frame = records.parse_funding_rates(
        payload("funding_rates_4h_symbol.json", "funding_rates", {"symbol": "XYZUSDT"})
    )
    assert frame.height == 6
    assert frame["date"].unique().to_list() == [date(2024, 11, 16)]


def test_a_funding_row_without_rate_names_the_field() -> None:
    rows = json.loads((FIXTURES / "binance" / "funding_rates_btcusdt.json").read_text())
    del rows[1]["fundingRate"]
    with pytest.raises(PayloadError) as err:
        records.parse_funding_rates(
            payload("", "funding_rates", {}, body=json.dumps(rows).encode())
        )
    assert "field: fundingRate" in str(err.value) and "row 1" in str(err.value)


def test_an_error_body_on_http_200_is_rejected() -> None:
    with pytest.raises(PayloadError, match="code=-1121"):
        records.parse_open_interest(
            payload("error_invalid_symbol.json", "open_interest", {"symbol": "BTCUSDT"})
        )


def test_open_interest_keeps_coin_and_usd() -> None:
    frame = records.parse_open_interest(
        payload("open_interest_hist_btcusdt.json", "open_interest", {"symbol": "BTCUSDT"})
    )
    assert frame["date"].to_list() == [date(2024, 11, 15), date(2024, 11, 16)]
    assert frame["open_interest"][0] == Decimal("81234.567")
    assert frame["open_interest_usd"][0] == Decimal("7356432101.12")


def test_quarterly_klines_carry_the_delivery_date_from_the_symbol() -> None:
    frame = records.parse_futures_klines(
        payload(
            "futures_klines_btcusdt_241227.json", "futures_klines", {"symbol": "BTCUSDT_241227"}
        )
    )
    assert frame["delivery_date"].unique().to_list() == [date(2024, 12, 27)]
    assert frame["pair"].unique().to_list() == ["BTCUSDT"]
    assert frame["close"][1] == Decimal("92310.9")


def test_a_perpetual_symbol_is_not_a_quarterly() -> None:
    with pytest.raises(PayloadError, match="not a quarterly"):
        records.parse_futures_klines(
            payload("futures_klines_btcusdt_241227.json", "futures_klines", {"symbol": "BTCUSDT"})
        )


def test_quarterly_calendar_is_the_last_friday_of_the_quarter_month() -> None:
    assert client.last_friday(2024, 3) == date(2024, 3, 29)
    assert client.last_friday(2025, 12) == date(2025, 12, 26)
    # a window across the March 2024 expiry needs the expiring and the next contracts
    expiries = client.quarterly_expiries(date(2024, 3, 20), date(2024, 3, 31))
    assert date(2024, 3, 29) in expiries and date(2024, 6, 28) in expiries
    assert date(2023, 12, 29) not in expiries


@responses.activate
def test_funding_pages_forward_from_the_last_funding_time_plus_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(client, "FUNDING_PAGE_LIMIT", 2)
    rows = json.loads((FIXTURES / "binance" / "funding_rates_btcusdt.json").read_text())
    responses.get(f"{FAPI}/fapi/v1/fundingRate", json=rows[:2])
    responses.get(f"{FAPI}/fapi/v1/fundingRate", json=rows[2:])
    http = SourceHttp("binance", FAPI, new_session())
    pages = client.fetch_funding_rates(http, "BTCUSDT", date(2024, 11, 16), date(2024, 11, 16))
    assert len(pages) == 2
    first, second = (call.request.params for call in responses.calls)
    # the window starts an hour early so a print stamped just before midnight is not lost
    assert int(first["startTime"]) == int(datetime(2024, 11, 15, 23, tzinfo=UTC).timestamp() * 1000)
    assert int(second["startTime"]) == rows[1]["fundingTime"] + 1


@responses.activate
def test_a_quarterly_the_exchange_does_not_list_is_skipped_not_fatal() -> None:
    klines = json.loads((FIXTURES / "binance" / "futures_klines_btcusdt_241227.json").read_text())

    def answer(request):
        if request.params["symbol"] == "BTCUSDT_241227":
            return 200, {}, json.dumps(klines)
        return 400, {}, json.dumps({"code": -1121, "msg": "Invalid symbol."})

    responses.add_callback(responses.GET, f"{FAPI}/fapi/v1/klines", callback=answer)
    http = SourceHttp("binance", FAPI, new_session())
    pages = client.fetch_futures_klines(http, "BTCUSDT", date(2024, 11, 15), date(2024, 11, 16))
    assert [p.params["symbol"] for p in pages] == ["BTCUSDT_241227"]
    asked = {call.request.params["symbol"] for call in responses.calls}
    assert {"BTCUSDT_241227", "BTCUSDT_250328"} <= asked


@responses.activate
def test_429_is_retried_after_the_retry_after_seconds() -> None:
    body = (FIXTURES / "binance" / "funding_rates_btcusdt.json").read_text()
    responses.get(
        f"{FAPI}/fapi/v1/fundingRate",
        status=429,
        headers={"Retry-After": "7"},
        json={"code": -1003, "msg": "Too many requests"},
    )
    responses.get(f"{FAPI}/fapi/v1/fundingRate", body=body, content_type="application/json")
    slept: list[float] = []
    http = SourceHttp("binance", FAPI, new_session(), sleep=slept.append)
    pages = client.fetch_funding_rates(http, "BTCUSDT", date(2024, 11, 16), date(2024, 11, 16))
    assert slept == [7.0]
    assert len(pages) == 1 and records.parse_funding_rates(pages[0]).height == 3


@responses.activate
def test_451_geo_block_is_terminal_with_a_clear_message_and_no_retry() -> None:
    responses.get(
        f"{FAPI}/fapi/v1/fundingRate",
        status=451,
        body=(FIXTURES / "binance" / "geo_blocked_451.json").read_bytes(),
    )
    slept: list[float] = []
    http = SourceHttp(
        "binance", FAPI, new_session(), sleep=slept.append, retry=RetryPolicy(max_attempts=5)
    )
    with pytest.raises(SourceBlockedError) as err:
        client.fetch_funding_rates(http, "BTCUSDT", date(2024, 11, 16), date(2024, 11, 16))
    assert err.value.status == 451
    assert "geo-blocked (HTTP 451)" in str(err.value) and "restricted location" in str(err.value)
    assert len(responses.calls) == 1 and slept == []


@responses.activate
def test_451_for_a_whole_source_is_a_failed_input_and_every_raw_asset_still_materializes(
    tmp_path: Path,
) -> None:
    """A blocked source no longer fails its step (that would skip dbt for everyone): the asset
    materializes what it loaded (nothing), names each failed symbol in its metadata and fails
    its non-blocking last-load check; the run itself succeeds."""
    responses.get(
        f"{FAPI}/fapi/v1/fundingRate",
        status=451,
        body=(FIXTURES / "binance" / "geo_blocked_451.json").read_bytes(),
    )
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
            raw_asset(binance_assets.FUNDING_RATES),
            raw_asset(bybit_assets.FUNDING_RATES),
        ],
        partition_key="2024-11-16",
        resources={"warehouse": warehouse},
        raise_on_error=False,
    )
    assert result.success
    assert not [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    materialized = {
        e.asset_key.to_user_string(): e.materialization.metadata
        for e in result.get_asset_materialization_events()
    }
    assert set(materialized) == {"binance/funding_rates", "bybit/funding_rates"}
    binance_meta = materialized["binance/funding_rates"]
    assert binance_meta["failed_inputs"].value == 2 and binance_meta["rows_inserted"].value == 0
    assert "geo-blocked (HTTP 451)" in binance_meta["failures"].value
    assert "landing file:" in binance_meta["failures"].value
    checks = {
        (c.asset_key.to_user_string(), c.check_name): c.passed
        for c in result.get_asset_check_evaluations()
    }
    assert checks["binance/funding_rates", "last_load_parsed_every_payload"] is False
    assert checks["bybit/funding_rates", "last_load_parsed_every_payload"] is True
    with connect(warehouse.settings().duckdb_path, read_only=True) as conn:
        assert conn.execute("select count(*) from raw_bybit.funding_rates").fetchall() == [(3,)]
        logged = conn.execute(
            "select series, status, outcome, error, landing_path from meta.fetch_log "
            "where source = 'binance' order by series"
        ).fetchall()
    assert [(series, status, outcome) for series, status, outcome, _, _ in logged] == [
        ("BTCUSDT", 451, "error"),
        ("ETHUSDT", 451, "error"),
    ]
    assert all("451" in error and Path(path).exists() for *_, error, path in logged)


DAY_MS = 86_400_000


def _oi_rows(first: date, last: date) -> list[dict]:
    rows = []
    day = first
    while day <= last:
        ms = int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)
        rows.append(
            {
                "symbol": "BTCUSDT",
                "sumOpenInterest": "80000.0",
                "sumOpenInterestValue": f"{day.toordinal()}.5",
                "timestamp": ms,
            }
        )
        day += timedelta(days=1)
    return rows


def test_open_interest_older_than_the_30_day_window_survives_later_runs(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Live, the API only serves the last 30 days: a later run over a wider window gets nothing
    for the older days, and must not delete them."""
    monkeypatch.setenv("CRW_SOURCE_MODE", "live")
    live = Settings.from_env()
    as_of = {"day": date(2025, 10, 31)}

    def serve(request):
        start = datetime.fromtimestamp(int(request.params["startTime"]) / 1000, tz=UTC).date()
        end = datetime.fromtimestamp(int(request.params["endTime"]) / 1000, tz=UTC).date()
        oldest = as_of["day"] - timedelta(days=29)
        body = (
            _oi_rows(max(start, oldest), min(end, as_of["day"]))
            if request.params["symbol"] == "BTCUSDT"
            else []
        )
        return 200, {}, json.dumps(body)

    query = """
        select date, sumvalue from (
            select date, cast(open_interest_usd as double) as sumvalue,
                   row_number() over (partition by symbol, date order by _loaded_at desc) as version
            from raw_binance.open_interest where symbol = 'BTCUSDT'
        ) where version = 1 order by date
    """
    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, f"{FAPI}/futures/data/openInterestHist", callback=serve)
        ingest_window(binance_assets.OPEN_INTEREST, live, date(2025, 10, 1), date(2025, 10, 31))
        with connect(live.duckdb_path, read_only=True) as conn:
            first_run = conn.execute(query).fetchall()
        as_of["day"] = date(2025, 11, 15)
        ingest_window(binance_assets.OPEN_INTEREST, live, date(2025, 10, 1), date(2025, 11, 15))
        # and the same run again: the returned days replace themselves, nothing doubles
        ingest_window(binance_assets.OPEN_INTEREST, live, date(2025, 10, 1), date(2025, 11, 15))
    with connect(live.duckdb_path, read_only=True) as conn:
        latest = conn.execute(query).fetchall()
        versions = conn.execute(
            "select count(*) from raw_binance.open_interest where date = date '2025-10-20'"
        ).fetchall()
    assert first_run[0][0] == date(2025, 10, 2) and len(first_run) == 30
    # days only the first run could see (Oct 2..16) are still there after the later runs
    assert [d for d, _ in latest][0] == date(2025, 10, 2)
    assert len(latest) == (date(2025, 11, 15) - date(2025, 10, 2)).days + 1
    # merged on (symbol, date): the later fetch replaced the day it returned, re-runs add nothing
    assert versions == [(1,)]
