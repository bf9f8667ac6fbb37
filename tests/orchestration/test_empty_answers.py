"""Live mode never loses rows on an empty or partial answer, and the trailing window heals it.

Each case runs the real fetch -> land -> parse -> load path in live mode against `responses`
mocks that serve a small deterministic world in each API's wire format, with one fault for one
series on one run: Binance `[]` for a symbol, Binance answering only the still-open candle,
alternative.me `data: []`, FRED a header-only CSV. The same runs without the fault go into a
clean warehouse, the yardstick for "restores exactly the clean rows".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import dagster as dg
import pytest
import responses

from ingestion.alternative_me import client as fng_client
from ingestion.binance import client as binance_client
from ingestion.fred import client as fred_client
from orchestration.assets import alternative_me, binance, fred
from orchestration.assets.raw import raw_asset
from orchestration.ingest import IngestResult, RawSpec, ingest_window
from orchestration.resources import WarehouseResource
from warehouse.connection import connect
from warehouse.quality import MissingDay, missing_days
from warehouse.settings import Settings

# Wednesday, Thursday, Friday: the runs of three mornings (each for the day that closed).
D1, D2, D3 = date(2025, 11, 12), date(2025, 11, 13), date(2025, 11, 14)
# Columns describing the load, not the data (a clean warehouse has other batches and files).
LOAD_METADATA = ("_batch_id", "_loaded_at", "_landing_path", "_payload_sha256")


def _ms(day: date) -> int:
    return int(datetime.combine(day, time(0), tzinfo=UTC).timestamp() * 1000)


def _day(ms: str) -> date:
    return datetime.fromtimestamp(int(ms) / 1000, tz=UTC).date()


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _kline(symbol: str, day: date) -> list:
    price = 100 + day.toordinal() % 97 + len(symbol)
    close_ms = _ms(day + timedelta(days=1)) - 1
    return [_ms(day), f"{price}", f"{price + 5}", f"{price - 5}", f"{price + 1}", "10",
            close_ms, "1000", 42, "5", "500", "0"]  # fmt: skip


def serve_klines(params: dict, fault: str | None) -> str:
    symbol, first, last = params["symbol"], _day(params["startTime"]), _day(params["endTime"])
    if fault == "empty" and symbol == "ETHUSDT":
        return "[]"
    if fault == "open_candle" and symbol == "ETHUSDT":
        # Only the candle still open after the window (what Binance serves mid-maintenance).
        return json.dumps([_kline(symbol, last + timedelta(days=1))])
    return json.dumps([_kline(symbol, d) for d in _days(first, last)])


@dataclass
class World:
    """What the API knows: alternative.me counts back from 'today' (the run's morning)."""

    today: date = D1


WORLD = World()


def serve_fear_greed(params: dict, fault: str | None) -> str:
    days = _days(WORLD.today - timedelta(days=int(params["limit"]) - 1), WORLD.today)
    data = [
        {
            "value": str(20 + d.toordinal() % 60),
            "value_classification": "Fear",
            "timestamp": str(_ms(d) // 1000),
        }
        for d in reversed(days)
    ]
    return json.dumps(
        {"name": "Fear and Greed Index", "data": [] if fault else data, "metadata": {"error": None}}
    )


def serve_fred(params: dict, fault: str | None) -> str:
    series = params["id"]
    header = f"observation_date,{series}\n"
    if fault and series == "NASDAQ100":
        return header
    days = _days(date.fromisoformat(params["cosd"]), date.fromisoformat(params["coed"]))
    return header + "".join(
        f"{d.isoformat()},{20000 + d.toordinal() % 500 + len(series)}.5\n"
        for d in days
        if d.weekday() < 5
    )


@dataclass(frozen=True)
class Case:
    spec: RawSpec
    url: str
    serve: Callable[[dict, str | None], str]
    fault: str
    # The series the fault empties, and its key column(s) for the duplicate check.
    series: str
    key: tuple[str, ...]


CASES = {
    "binance_empty_array": Case(
        binance.SPOT_KLINES,
        f"{binance_client.SPOT_BASE_URL}/api/v3/klines",
        serve_klines,
        "empty",
        "ETHUSDT",
        ("symbol", "date"),
    ),
    "binance_open_candle_only": Case(
        binance.SPOT_KLINES,
        f"{binance_client.SPOT_BASE_URL}/api/v3/klines",
        serve_klines,
        "open_candle",
        "ETHUSDT",
        ("symbol", "date"),
    ),
    "alternative_me_empty_data": Case(
        alternative_me.FEAR_GREED,
        f"{fng_client.ALTERNATIVE_ME_BASE_URL}/fng/",
        serve_fear_greed,
        "empty",
        "all",
        ("date",),
    ),
    "fred_header_only_csv": Case(
        fred.OBSERVATIONS,
        f"{fred_client.FRED_BASE_URL}/graph/fredgraph.csv",
        serve_fred,
        "header_only",
        "NASDAQ100",
        ("series_id", "date"),
    ),
}


def live_settings(path: Path) -> Settings:
    return Settings.from_env({"CRW_SOURCE_MODE": "live", "CRW_DATA_DIR": str(path)})


def run(case: Case, settings: Settings, day: date, *, fault: bool = False) -> IngestResult:
    """One morning's run for ``day`` (its trailing window included), the API answering with
    the case's fault or cleanly."""
    WORLD.today = day + timedelta(days=1)
    with responses.RequestsMock() as mock:
        mock.add_callback(
            responses.GET,
            case.url,
            callback=lambda r: (200, {}, case.serve(r.params, case.fault if fault else None)),
        )
        return ingest_window(case.spec, settings, day, day)


def raw_rows(settings: Settings, spec: RawSpec, exclude: tuple[str, ...] = ()) -> list[tuple]:
    with connect(settings.duckdb_path, read_only=True) as conn:
        columns = [
            c
            for (c,) in conn.execute(
                "select column_name from duckdb_columns() where schema_name = ? "
                "and table_name = ? order by column_index",
                [spec.table.schema, spec.entity],
            ).fetchall()
            if c not in exclude
        ]
        return conn.execute(
            f"select {', '.join(columns)} from {spec.table.qualified} order by all"
        ).fetchall()


def gaps(settings: Settings, spec: RawSpec) -> list[MissingDay]:
    with connect(settings.duckdb_path, read_only=True) as conn:
        return missing_days(
            conn, spec.table, spec.series, weekdays_only=spec.calendar == "weekdays"
        )


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest) -> Case:
    return CASES[request.param]


def series_rows(settings: Settings, case: Case) -> list[tuple]:
    """Every column (load metadata included) of the rows of the series the fault empties."""
    label = " || '/' || ".join(f"cast({c} as varchar)" for c in case.key[:-1]) or "'all'"
    with connect(settings.duckdb_path, read_only=True) as conn:
        return conn.execute(
            f"select * from {case.spec.table.qualified} where {label} = ? order by all",
            [case.series],
        ).fetchall()


def test_an_empty_answer_keeps_every_row_and_is_logged_and_reported(
    case: Case, tmp_path: Path
) -> None:
    warehouse = live_settings(tmp_path / "faulty")
    run(case, warehouse, D1)
    before = raw_rows(warehouse, case.spec, LOAD_METADATA)
    emptied = series_rows(warehouse, case)

    result = run(case, warehouse, D2, fault=True)

    assert result.empty_series == [case.series]
    # nothing loaded before is lost or changed; the emptied series is untouched, down to the
    # batch and landing file of each row
    assert set(before) <= set(raw_rows(warehouse, case.spec, LOAD_METADATA))
    assert emptied and series_rows(warehouse, case) == emptied
    with connect(warehouse.duckdb_path, read_only=True) as conn:
        keys = ", ".join(case.key)
        total, distinct = conn.execute(
            f"select count(*), count(distinct ({keys})) from {case.spec.table.qualified}"
        ).fetchall()[0]
        outcomes = conn.execute(
            "select distinct outcome, window_start, window_end, rows_parsed > 0 "
            "from meta.fetch_log where batch_id = ? and series = ?",
            [result.batch_id, case.series],
        ).fetchall()
    assert total == distinct  # no raw row duplicated
    # (the open candle parsed to one row, outside the window)
    parsed = case.fault == "open_candle"
    assert outcomes == [("empty answer", result.start, D2, parsed)]
    assert gaps(warehouse, case.spec) == [MissingDay(case.series, D2, "empty answer")]


def test_the_run_after_the_fault_restores_exactly_the_clean_rows(
    case: Case, tmp_path: Path
) -> None:
    faulty, clean = live_settings(tmp_path / "faulty"), live_settings(tmp_path / "clean")
    run(case, faulty, D1)
    run(case, faulty, D2, fault=True)
    run(case, faulty, D2)
    run(case, clean, D1)
    run(case, clean, D2)
    assert raw_rows(faulty, case.spec, LOAD_METADATA) == raw_rows(clean, case.spec, LOAD_METADATA)
    assert gaps(faulty, case.spec) == []


def test_the_next_mornings_trailing_window_heals_the_day_that_came_back_empty(
    case: Case, tmp_path: Path
) -> None:
    faulty, clean = live_settings(tmp_path / "faulty"), live_settings(tmp_path / "clean")
    run(case, faulty, D1)
    run(case, faulty, D2, fault=True)
    assert gaps(faulty, case.spec) == [MissingDay(case.series, D2, "empty answer")]
    healed = run(case, faulty, D3)
    for day in (D1, D2, D3):
        run(case, clean, day)
    assert healed.start <= D2 and healed.empty_series == []
    assert raw_rows(faulty, case.spec, LOAD_METADATA) == raw_rows(clean, case.spec, LOAD_METADATA)
    assert gaps(faulty, case.spec) == []


def test_an_http_error_is_the_reason_of_the_days_it_left_missing(tmp_path: Path) -> None:
    warehouse = live_settings(tmp_path / "data")
    case = CASES["binance_empty_array"]
    run(case, warehouse, D1)
    with responses.RequestsMock() as mock:
        mock.add_callback(
            responses.GET,
            case.url,
            callback=lambda r: (
                (451, {}, '{"code":0,"msg":"restricted location"}')
                if r.params["symbol"] == "ETHUSDT"
                else (200, {}, serve_klines(r.params, None))
            ),
        )
        result = ingest_window(case.spec, warehouse, D2, D2)
    assert len(result.failures) == 1 and result.failures[0].startswith("ETHUSDT: ")
    assert "HTTP 451" in result.failures[0] and "landing file:" in result.failures[0]
    missing = {m.series: m.reason for m in gaps(warehouse, case.spec)}
    assert missing == {"ETHUSDT": "HTTP error 451"}
    # the other symbols were loaded: one symbol failing costs only its own day
    assert {"BTCUSDT", "SOLUSDT"} <= {s for (s,) in _symbols_on(warehouse, D2)}
    # and a day no run has asked for yet
    with connect(warehouse.duckdb_path) as conn:
        conn.execute("delete from raw_binance.spot_klines where date = ?", [D1 - timedelta(days=2)])
        conn.execute("delete from meta.fetch_log")
    assert {m.reason for m in gaps(warehouse, case.spec) if m.day == D1 - timedelta(days=2)} == {
        "not yet fetched"
    }


def _symbols_on(settings: Settings, day: date) -> list[tuple]:
    with connect(settings.duckdb_path, read_only=True) as conn:
        return conn.execute(
            "select distinct symbol from raw_binance.spot_klines where date = ?", [day]
        ).fetchall()


def test_the_raw_asset_and_its_gap_check_name_the_empty_symbol_day(tmp_path: Path) -> None:
    case = CASES["binance_empty_array"]
    warehouse = WarehouseResource(source_mode="live", data_dir=str(tmp_path / "data"))
    run(case, warehouse.settings(), D1)
    WORLD.today = D3
    with responses.RequestsMock() as mock:
        mock.add_callback(
            responses.GET,
            case.url,
            callback=lambda r: (200, {}, serve_klines(r.params, "empty")),
        )
        result = dg.materialize(
            [raw_asset(case.spec)],
            partition_key=D2.isoformat(),
            resources={"warehouse": warehouse},
        )
    assert result.success
    (materialization,) = result.get_asset_materialization_events()
    metadata = materialization.event_specific_data.materialization.metadata
    assert metadata["empty_answers"].value == "ETHUSDT"
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    gap_check = checks["no_missing_days"]
    assert not gap_check.passed
    assert gap_check.metadata["latest_missing"].value == "ETHUSDT 2025-11-13: empty answer"
    assert gap_check.metadata["reasons"].value == "empty answer: 1"
    assert checks["last_load_parsed_every_payload"].metadata["empty_answers"].value == "ETHUSDT"


def test_an_error_body_for_one_symbol_fails_only_that_symbol(tmp_path: Path) -> None:
    warehouse = live_settings(tmp_path / "data")
    case = CASES["binance_empty_array"]
    run(case, warehouse, D1)
    with responses.RequestsMock() as mock:
        mock.add_callback(
            responses.GET,
            case.url,
            callback=lambda r: (
                (200, {}, '{"code":-1121,"msg":"Invalid symbol."}')
                if r.params["symbol"] == "ETHUSDT"
                else (200, {}, serve_klines(r.params, None))
            ),
        )
        result = ingest_window(case.spec, warehouse, D2, D2)
    assert len(result.failures) == 1 and result.failures[0].startswith("ETHUSDT: ")
    assert "landing file:" in result.failures[0]
    assert {m.series for m in gaps(warehouse, case.spec)} == {"ETHUSDT"}
    assert {"BTCUSDT", "SOLUSDT"} <= {s for (s,) in _symbols_on(warehouse, D2)}
    with connect(warehouse.duckdb_path, read_only=True) as conn:
        logged = conn.execute(
            "select series, outcome from meta.fetch_log where error is not null"
        ).fetchall()
    assert logged == [("ETHUSDT", "error")]
