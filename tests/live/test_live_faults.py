"""The fault drills of live mode, end to end: the real `crw run` (a subprocess, in live mode)
against a loopback server (loopback.py) that answers every source's API with the recorded sample
and injects the faults of issue 13, each on its own source and symbol.

One clean run of the day fills a warehouse. A copy of it then takes one faulted run of the same
day: transient faults (429 with Retry-After, 503, a body cut mid-stream, a timeout, an exact
duplicate record) are retried or collapsed; terminal ones (451, 403, an error body, malformed
JSON, a truncated CSV, a conflicting duplicate) fail their own series; empty answers ([],
`data: []`, a header-only CSV, only the still-open candle) are logged and delete nothing. The run
exits 1 naming each failed input, the brief is still built, and raw and marts are row for row
the clean run's. A run after the faults clear leaves exactly the clean warehouse."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from loopback import (
    Fault,
    LoopbackServer,
    body,
    cut_mid_body,
    json_edit,
    serving,
    slow,
    status,
    truncated,
)

from warehouse.settings import BASE_URL_NAMES, VARIABLES

pytestmark = pytest.mark.end_to_end

CRW = Path(sys.executable).with_name("crw")
DAY = date(2025, 11, 15)
# The morning after, as the 00:30 schedule runs: snapshot sources may be taken for DAY.
TODAY = DAY + timedelta(days=1)
READ_TIMEOUT_S = 2.0
DAY_MS = 86_400_000

# Columns that differ between two correct runs: lineage, and when a payload was fetched (live
# mode stamps the real clock).
RUN_COLUMNS = frozenset({"fetched_at"})


def _duplicate_last(rows: list) -> list:
    return [*rows, rows[-1]] if rows else rows


def _conflicting_last(rows: list) -> list:
    if not rows:
        return rows
    changed = {**rows[-1], "sumOpenInterest": str(float(rows[-1]["sumOpenInterest"]) + 1)}
    return [*rows, changed]


def _only_open_candle(rows: list) -> list:
    """Only the candle of the day still running (today): nothing in the run's window."""
    if not rows:
        return rows
    last = rows[-1]
    return [[last[0] + DAY_MS, *last[1:6], last[6] + DAY_MS, *last[7:]]]


TRANSIENT = (
    Fault(
        "binance",
        "/api/v3/klines",
        status(429, b'{"code":-1003,"msg":"Too many requests"}', retry_after="1"),
        params={"symbol": "BTCUSDT"},
        times=1,
        label="429",
    ),
    Fault(
        "bybit",
        "/v5/market/funding/history",
        status(503, b"Service Unavailable"),
        params={"symbol": "BTCUSDT"},
        times=1,
        label="503",
    ),
    Fault(
        "deribit",
        "/public/get_volatility_index_data",
        cut_mid_body,
        params={"currency": "BTC"},
        times=1,
        label="cut",
    ),
    Fault(
        "coinglass",
        "/api/futures/liquidation/aggregated-history",
        slow(READ_TIMEOUT_S + 3),
        times=1,
        label="timeout",
    ),
    Fault(
        "coingecko",
        "/api/v3/global",
        status(429, b'{"status":{"error_code":429}}', retry_after="1"),
        times=1,
        label="429",
    ),
    Fault("farside", "/", status(502, b"Bad Gateway"), times=1, label="502"),
    Fault(
        "binance_futures",
        "/fapi/v1/fundingRate",
        json_edit(_duplicate_last),
        params={"symbol": "ETHUSDT"},
        label="duplicate",
    ),
)
TERMINAL = (
    Fault(
        "binance",
        "/api/v3/klines",
        status(451, b'{"code":0,"msg":"Service unavailable from a restricted location"}'),
        params={"symbol": "ETHUSDT"},
        label="451",
    ),
    Fault(
        "binance_futures",
        "/fapi/v1/klines",
        status(403, b"<html><body>403 Forbidden</body></html>"),
        params={"symbol": "BTCUSDT_251226"},
        label="403",
    ),
    Fault(
        "bybit",
        "/v5/market/open-interest",
        body(b'{"retCode":10001,"retMsg":"params error: symbol invalid","result":{},"time":0}'),
        params={"symbol": "ETHUSDT"},
        label="error body",
    ),
    Fault(
        "deribit",
        "/public/get_book_summary_by_currency",
        body(b'{"jsonrpc":"2.0","result":[oops]}'),
        params={"currency": "ETH", "kind": "option"},
        label="malformed",
    ),
    Fault(
        "fred",
        "/graph/fredgraph.csv",
        truncated(lambda b: b[: b.index(b"2025-11-14,") + len(b"2025-11-14,")]),
        params={"id": "NASDAQ100"},
        label="truncated",
    ),
    Fault(
        "binance_futures",
        "/futures/data/openInterestHist",
        json_edit(_conflicting_last),
        params={"symbol": "BTCUSDT"},
        label="conflict",
    ),
)
EMPTY = (
    Fault("binance", "/api/v3/klines", body(b"[]"), params={"symbol": "SOLUSDT"}, label="[]"),
    Fault(
        "binance",
        "/api/v3/klines",
        json_edit(_only_open_candle),
        params={"symbol": "XRPUSDT"},
        label="open candle",
    ),
    Fault("alternative_me", "/fng/", json_edit(lambda obj: {**obj, "data": []}), label="data []"),
    Fault(
        "fred",
        "/graph/fredgraph.csv",
        truncated(lambda b: b.split(b"\n")[0] + b"\n"),
        params={"id": "VIXCLS"},
        label="header only",
    ),
)
# (source, series, endpoint, what the error says) of each terminal fault.
FAILED = {
    ("binance", "ETHUSDT", "spot_klines", "HTTP 451"),
    ("binance", "BTCUSDT_251226", "futures_klines", "HTTP 403"),
    ("bybit", "ETHUSDT", "open_interest", "10001"),
    ("deribit", "ETH/option", "book_summaries", ""),
    ("fred", "NASDAQ100", "observations", "2025-11-14"),
    ("binance", "BTCUSDT", "open_interest", "conflicting duplicate"),
}
EMPTY_SERIES = {
    ("raw_binance.spot_klines", "SOLUSDT"),
    ("raw_binance.spot_klines", "XRPUSDT"),
    ("raw_alternative_me.fear_greed", "all"),
    ("raw_fred.observations", "VIXCLS"),
}


def crw_run(server: LoopbackServer, data_dir: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in VARIABLES and k != "DAGSTER_HOME"}
    env |= {
        "CRW_SOURCE_MODE": "live",
        "CRW_DATA_DIR": str(data_dir),
        "CRW_TODAY": TODAY.isoformat(),
        "CRW_HTTP_READ_TIMEOUT_S": str(READ_TIMEOUT_S),
        **server.environment(),
    }
    command = [str(CRW), "run", "--quiet", "--start", DAY.isoformat(), "--end", DAY.isoformat()]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def copy_warehouse(source: Path, target: Path) -> Path:
    target.mkdir(parents=True)
    for path in source.glob("warehouse.duckdb*"):
        shutil.copy2(path, target / path.name)
    return target


def _value(v: object) -> object:
    # Marts are recomputed by every run: sums over the same rows may differ in the last bits.
    return float(f"{v:.12g}") if isinstance(v, float) else v


def tables(data_dir: Path) -> dict[str, list[tuple]]:
    """Every raw and mart table's rows (sorted, duplicates kept), without the columns that
    differ between correct runs."""
    found = {}
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as conn:
        names = conn.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_schema like 'raw_%' or table_schema = 'marts' order by 1, 2"
        ).fetchall()
        for schema, name in names:
            columns = [
                c
                for (c,) in conn.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = ? and table_name = ? order by ordinal_position",
                    [schema, name],
                ).fetchall()
                if not c.startswith("_") and c not in RUN_COLUMNS
            ]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(f"select {select} from {schema}.{name}").fetchall()
            found[f"{schema}.{name}"] = sorted(
                (tuple(_value(v) for v in row) for row in rows), key=repr
            )
    return found


def differences(got: dict, expected: dict) -> list[str]:
    out = [f"{t}: tables differ" for t in set(got) ^ set(expected)]
    for t in sorted(set(got) & set(expected)):
        if got[t] != expected[t]:
            extra = [r for r in got[t] if r not in expected[t]][:2]
            lost = [r for r in expected[t] if r not in got[t]][:2]
            out.append(f"{t}: {len(got[t])} rows vs {len(expected[t])}; new {extra}; lost {lost}")
    return out


def fetch_log(data_dir: Path) -> list[dict]:
    with duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True) as conn:
        cursor = conn.execute(
            "select source, endpoint, table_name, series, status, outcome, error, landing_path, "
            "duplicates_collapsed, fetched_at from meta.fetch_log order by fetched_at"
        )
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def outcomes(log: list[dict]) -> list[tuple]:
    return sorted((r["table_name"], r["series"], r["outcome"], r["status"]) for r in log)


@pytest.fixture(scope="module")
def server():
    with serving(DAY) as loopback:
        yield loopback


@pytest.fixture(scope="module")
def clean(server: LoopbackServer, tmp_path_factory: pytest.TempPathFactory):
    """(data dir, run, requests served, tables) of the clean live run of DAY into an empty
    warehouse."""
    data_dir = tmp_path_factory.mktemp("clean") / "data"
    server.set_faults()
    run = crw_run(server, data_dir)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return data_dir, run, list(server.served), tables(data_dir)


@pytest.fixture(scope="module")
def faulted(server: LoopbackServer, clean, tmp_path_factory: pytest.TempPathFactory):
    """(data dir, run, requests served) of the same day on a copy of the clean warehouse, with
    every fault at once."""
    data_dir = copy_warehouse(clean[0], tmp_path_factory.mktemp("faulted") / "data")
    server.set_faults(*TRANSIENT, *TERMINAL, *EMPTY)
    run = crw_run(server, data_dir)
    served = list(server.served)
    server.set_faults()
    return data_dir, run, served


def test_a_clean_live_run_reaches_every_source_through_its_own_base_url(clean) -> None:
    data_dir, run, served, rows = clean
    assert {s.name for s in served} == set(BASE_URL_NAMES)
    log = fetch_log(data_dir)
    # (the bundled BTC and ETH ETF pages end before the day: Farside's empty answers for them
    # are the recording's, not faults)
    assert {r["outcome"] for r in log} <= {"loaded", "empty answer"}
    assert {r["status"] for r in log} == {200}
    assert all(Path(r["landing_path"]).is_file() for r in log)
    # every raw table has the day
    empty = [t for t, r in rows.items() if t.startswith("raw_") and not r]
    assert empty == []
    assert (data_dir / "reports" / "risk_brief.html").is_file()
    # --quiet: progress and summary, not dbt's line per node (those stay in its dbt.log)
    assert "crw: [" in run.stdout and "dbt_models done" in run.stdout
    assert " START " not in run.stdout and "OK created" not in run.stdout


def test_the_faulted_run_exits_1_and_names_each_failed_input(faulted) -> None:
    data_dir, run, _ = faulted
    assert run.returncode == 1, run.stdout[-4000:] + run.stderr[-4000:]
    lines = run.stdout.splitlines()
    (first,) = [i for i, line in enumerate(lines) if "input(s) FAILED" in line]
    summary = lines[first : first + len(FAILED) + 2]
    assert summary[0].startswith(f"crw: {len(FAILED)} input(s) FAILED"), summary
    for source, series, endpoint, says in FAILED:
        matching = [line for line in lines if line.startswith(f"  {source} {series} {endpoint}:")]
        assert len(matching) == 1, (source, series, endpoint, summary)
        (line,) = matching
        assert says in line
        landing = line.split("landing file: ")[1].split(" ")[0]
        assert Path(landing).is_file() and landing.startswith(str(data_dir / "landing"))
    # no step failed: the marts, the BI copy and the brief were built without the failed inputs
    assert "step " not in run.stdout
    assert (data_dir / "reports" / "risk_brief.html").is_file()
    assert (data_dir / "bi").is_dir()


def test_the_fetch_log_names_errors_empty_answers_and_collapsed_duplicates(faulted, clean) -> None:
    data_dir, _, _ = faulted
    clean_log = fetch_log(clean[0])
    log = fetch_log(data_dir)[len(clean_log) :]
    errors = {(r["source"], r["series"], r["endpoint"]) for r in log if r["outcome"] == "error"}
    assert errors == {(source, series, endpoint) for source, series, endpoint, _ in FAILED}
    for r in log:
        if r["outcome"] == "error" and r["landing_path"]:
            assert Path(r["landing_path"]).is_file()
    # the refusals are landed as they came (gzipped)
    landed = {
        r["status"]: gzip.decompress(Path(r["landing_path"]).read_bytes())
        for r in log
        if r["outcome"] == "error" and r["status"] in (403, 451)
    }
    assert landed == {
        451: b'{"code":0,"msg":"Service unavailable from a restricted location"}',
        403: b"<html><body>403 Forbidden</body></html>",
    }
    empty = {(r["table_name"], r["series"]) for r in log if r["outcome"] == "empty answer"}
    # (less those the recording answers empty anyway: Farside's BTC and ETH pages)
    recorded_empty = {
        (r["table_name"], r["series"]) for r in clean_log if r["outcome"] == "empty answer"
    }
    assert empty - recorded_empty == EMPTY_SERIES
    duplicates = {
        (r["table_name"], r["series"]): r["duplicates_collapsed"]
        for r in log
        if r["duplicates_collapsed"]
    }
    assert duplicates == {("raw_binance.funding_rates", "ETHUSDT"): 1}
    # parsed payloads say 0, payloads never parsed (failed series) say nothing
    assert all(
        r["duplicates_collapsed"] == 0
        for r in log
        if r["outcome"] == "loaded" and (r["table_name"], r["series"]) not in duplicates
    )


def test_transient_faults_are_retried_and_never_landed_half(faulted) -> None:
    data_dir, run, served = faulted
    for fault in TRANSIENT[:-1]:
        hits = [s for s in served if fault.matches(s.name, s.path, s.params)]
        assert [s.fault for s in hits[:2]] == [fault.label, None], fault
        assert hits[1].status == 200
    log = fetch_log(data_dir)
    cut = [
        r for r in log if r["source"] == "deribit" and r["series"] == "BTC" and r["status"] != 200
    ]
    assert cut == []
    assert "retrying" in run.stderr or "retrying" in run.stdout


def test_no_loaded_row_is_lost_changed_or_duplicated(faulted, clean) -> None:
    data_dir, _, _ = faulted
    assert differences(tables(data_dir), clean[3]) == []


def test_a_run_after_the_faults_clear_restores_the_clean_warehouse(
    server: LoopbackServer, faulted, clean
) -> None:
    data_dir, _, _ = faulted
    server.set_faults()
    run = crw_run(server, data_dir)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    assert "FAILED" not in run.stdout
    # the same answers as the clean run's, with the same outcomes
    clean_log = fetch_log(clean[0])
    after = fetch_log(data_dir)[-len(clean_log) :]
    assert outcomes(after) == outcomes(clean_log)
    assert differences(tables(data_dir), clean[3]) == []
