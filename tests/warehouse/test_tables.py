"""Raw loads are transactional and idempotent; bad frames never half-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.connection import connect
from warehouse.tables import (
    EMPTY_ANSWER,
    Batch,
    FetchRecord,
    LoadError,
    RawTable,
    log_fetches,
    replace_partition,
)

TABLE = RawTable("binance", "spot_klines")
SCHEMA = {
    "symbol": pl.String,
    "date": pl.Date,
    "close": pl.Decimal(38, 10),
    "_landing_path": pl.String,
    "_payload_sha256": pl.String,
}


def frame(
    days: list[date], close: str = "100", sha: str = "sha-a", symbol: str = "BTCUSDT"
) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {
                "symbol": symbol,
                "date": d,
                "close": Decimal(close),
                "_landing_path": "f",
                "_payload_sha256": sha,
            }
            for d in days
        ],
        schema=SCHEMA,
        orient="row",
    )


def business_rows(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    return conn.execute(
        "select symbol, date, close from raw_binance.spot_klines order by all"
    ).fetchall()


JAN = [date(2024, 1, d) for d in range(1, 6)]


def test_rerunning_a_window_gives_identical_rows(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("sample"))
    first = business_rows(conn)
    counts = replace_partition(
        conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("sample")
    )
    assert business_rows(conn) == first
    assert counts == {"rows_deleted": 5, "rows_inserted": 5}


def test_only_the_window_is_replaced(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(
        conn, TABLE, frame(JAN, "100"), start=JAN[0], end=JAN[-1], batch=Batch("sample")
    )
    replace_partition(
        conn, TABLE, frame(JAN[2:3], "200"), start=JAN[2], end=JAN[2], batch=Batch("sample")
    )
    closes = [float(r[2]) for r in business_rows(conn)]
    assert closes == [100, 100, 200, 100, 100]


def test_rows_outside_the_window_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("sample"))
    with pytest.raises(LoadError, match="outside the window"):
        replace_partition(
            conn, TABLE, frame(JAN, "1"), start=JAN[0], end=JAN[1], batch=Batch("sample")
        )
    assert len(business_rows(conn)) == 5


def test_a_type_change_fails_the_load_and_keeps_the_previous_rows(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("sample"))
    before = business_rows(conn)
    drifted = frame(JAN).with_columns(pl.col("close").cast(pl.String))
    with pytest.raises(LoadError, match="type changed"):
        replace_partition(conn, TABLE, drifted, start=JAN[0], end=JAN[-1], batch=Batch("sample"))
    assert business_rows(conn) == before


def test_a_new_field_is_added_as_a_nullable_column(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN[:2]), start=JAN[0], end=JAN[1], batch=Batch("sample"))
    wider = frame(JAN[2:3]).with_columns(pl.lit(7, dtype=pl.Int64).alias("trades"))
    replace_partition(conn, TABLE, wider, start=JAN[2], end=JAN[2], batch=Batch("sample"))
    trades = conn.execute("select trades from raw_binance.spot_klines order by date").fetchall()
    assert trades == [(None,), (None,), (7,)]


def test_metadata_columns_are_stamped_and_the_load_is_logged(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    batch = Batch("sample")
    replace_partition(conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=batch)
    row = conn.execute(
        "select distinct _batch_id, _source_mode from raw_binance.spot_klines"
    ).fetchall()
    assert row == [(batch.batch_id, "sample")]
    log = conn.execute("select table_name, rows_inserted from meta.load_log").fetchall()
    assert log == [("raw_binance.spot_klines", 5)]


def test_versioned_loads_keep_revisions_but_not_repeats(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    kw = {"start": JAN[0], "end": JAN[-1], "keep_versions": True}
    first = Batch("sample")
    replace_partition(conn, TABLE, frame(JAN, "100", sha="v1"), batch=first, **kw)
    again = replace_partition(conn, TABLE, frame(JAN, "100", sha="v1"), batch=Batch("sample"), **kw)
    assert again == {"rows_deleted": 0, "rows_inserted": 0}
    # the repeat left the first load's rows (and so when that content was first fetched)
    assert conn.execute(
        "select count(*), any_value(_batch_id) from raw_binance.spot_klines"
    ).fetchall() == [(5, first.batch_id)]
    replace_partition(conn, TABLE, frame(JAN, "101", sha="v2"), batch=Batch("sample"), **kw)
    versions = conn.execute(
        "select _payload_sha256, count(*) from raw_binance.spot_klines group by 1 order by 1"
    ).fetchall()
    assert versions == [("v1", 5), ("v2", 5)]


def test_identifiers_from_outside_code_are_refused(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    evil = RawTable("binance", "spot_klines; drop table x")
    with pytest.raises(LoadError, match="refusing identifier"):
        replace_partition(conn, evil, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("sample"))


KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, date, datetime
    from decimal import Decimal
    import polars as pl
    from warehouse.connection import connect
    from warehouse.tables import Batch, RawTable, replace_partition

    class PausingConnection:
        # Passes everything through, but stops dead just before COMMIT.
        def __init__(self, conn):
            self._conn = conn
        def execute(self, sql, *args):
            if sql.strip().lower() == "commit":
                print("BEFORE-COMMIT", flush=True)
                time.sleep(600)
            return self._conn.execute(sql, *args)
        def __getattr__(self, name):
            return getattr(self._conn, name)

    days = [date(2024, 1, d) for d in range(1, 6)]
    frame = pl.DataFrame(
        {"symbol": ["BTCUSDT"] * 5, "date": days, "close": [Decimal("999")] * 5,
         "_landing_path": ["g"] * 5, "_payload_sha256": ["z"] * 5},
        schema={"symbol": pl.String, "date": pl.Date, "close": pl.Decimal(38, 10),
                "_landing_path": pl.String, "_payload_sha256": pl.String},
    )
    conn = PausingConnection(connect(__import__("pathlib").Path(sys.argv[1])))
    replace_partition(conn, RawTable("binance", "spot_klines"), frame,
                      start=days[0], end=days[-1], batch=Batch("sample"))
    """
)


def test_a_load_killed_midway_leaves_the_previous_data_intact(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    conn = connect(path)
    replace_partition(
        conn, TABLE, frame(JAN, "100"), start=JAN[0], end=JAN[-1], batch=Batch("sample")
    )
    conn.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ},
    )
    try:
        line = proc.stdout.readline()
        assert line.strip() == "BEFORE-COMMIT", proc.stderr.read()
        # the new rows are written inside the open transaction; now kill the writer
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    conn = connect(path)
    closes = {float(r[2]) for r in business_rows(conn)}
    assert closes == {100.0}
    assert len(business_rows(conn)) == 5


def test_merge_loads_replace_returned_keys_and_keep_days_no_longer_served(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    kw = {"start": JAN[0], "end": JAN[-1], "merge_on": ("symbol", "date")}
    replace_partition(conn, TABLE, frame(JAN, "100", sha="full"), batch=Batch("sample"), **kw)
    # a later fetch only serves the last two days (like a 30-day API window), with new values
    replace_partition(conn, TABLE, frame(JAN[3:], "105", sha="recent"), batch=Batch("sample"), **kw)
    replace_partition(conn, TABLE, frame(JAN[3:], "105", sha="again"), batch=Batch("sample"), **kw)
    closes = [(d.day, float(c)) for _, d, c in business_rows(conn)]
    assert closes == [(1, 100.0), (2, 100.0), (3, 100.0), (4, 105.0), (5, 105.0)]


SERIES = {"series": ("symbol",)}


def test_an_answer_without_one_symbol_keeps_that_symbols_rows(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    both = pl.concat([frame(JAN, "100"), frame(JAN, "50", symbol="ETHUSDT")])
    replace_partition(conn, TABLE, both, start=JAN[0], end=JAN[-1], batch=Batch("live"), **SERIES)
    eth_before = conn.execute(
        "select * from raw_binance.spot_klines where symbol = 'ETHUSDT' order by date"
    ).fetchall()
    # ETHUSDT came back empty ([] during maintenance): BTCUSDT is replaced, ETHUSDT untouched
    counts = replace_partition(
        conn, TABLE, frame(JAN, "101"), start=JAN[0], end=JAN[-1], batch=Batch("live"), **SERIES
    )
    assert counts == {"rows_deleted": 5, "rows_inserted": 5}
    eth_after = conn.execute(
        "select * from raw_binance.spot_klines where symbol = 'ETHUSDT' order by date"
    ).fetchall()
    assert eth_after == eth_before
    btc = conn.execute(
        "select distinct close from raw_binance.spot_klines where symbol = 'BTCUSDT'"
    ).fetchall()
    assert [float(c) for (c,) in btc] == [101.0]


def test_an_empty_answer_deletes_nothing_and_the_load_is_still_logged(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN), start=JAN[0], end=JAN[-1], batch=Batch("live"))
    before = conn.execute("select * from raw_binance.spot_klines order by all").fetchall()
    batch = Batch("live")
    counts = replace_partition(
        conn, TABLE, frame([]), start=JAN[0], end=JAN[-1], batch=batch, **SERIES
    )
    assert counts == {"rows_deleted": 0, "rows_inserted": 0}
    assert conn.execute("select * from raw_binance.spot_klines order by all").fetchall() == before
    logged = conn.execute(
        "select window_start, window_end, rows_deleted from meta.load_log where batch_id = ?",
        [batch.batch_id],
    ).fetchall()
    assert logged == [(JAN[0], JAN[-1], 0)]


def test_an_answer_that_stops_a_day_short_keeps_the_last_day(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    replace_partition(conn, TABLE, frame(JAN, "100"), start=JAN[0], end=JAN[-1], batch=Batch("x"))
    replace_partition(
        conn, TABLE, frame(JAN[:-1], "102"), start=JAN[0], end=JAN[-1], batch=Batch("x"), **SERIES
    )
    closes = [float(r[2]) for r in business_rows(conn)]
    assert closes == [102, 102, 102, 102, 100]


BOOKS = RawTable("deribit", "book_summaries")


def books(day: date, groups: list[tuple[str, str]], mark: float) -> pl.DataFrame:
    return pl.DataFrame(
        [
            {"currency": c, "kind": k, "date": day, "instrument_name": f"{c}-{k}", "mark": mark}
            for c, k in groups
        ],
        schema={
            "currency": pl.String,
            "kind": pl.String,
            "date": pl.Date,
            "instrument_name": pl.String,
            "mark": pl.Float64,
        },
        orient="row",
    )


def test_a_snapshot_replaces_a_days_group_only_when_the_new_snapshot_has_it(
    tmp_path: Path,
) -> None:
    conn = connect(tmp_path / "w.duckdb")
    day = JAN[0]
    kw = {"start": day, "end": day, "series": ("currency", "kind")}
    every = [("BTC", "option"), ("BTC", "future"), ("ETH", "option"), ("ETH", "future")]
    replace_partition(conn, BOOKS, books(day, every, 1.0), batch=Batch("live"), **kw)
    # the later snapshot of the day came back without ETH options
    replace_partition(
        conn, BOOKS, books(day, [*every[:2], every[3]], 2.0), batch=Batch("live"), **kw
    )
    marks = conn.execute(
        "select currency, kind, mark from raw_deribit.book_summaries order by all"
    ).fetchall()
    assert marks == [
        ("BTC", "future", 2.0),
        ("BTC", "option", 2.0),
        ("ETH", "future", 2.0),
        ("ETH", "option", 1.0),
    ]


def test_a_revision_to_not_reported_is_a_new_version_not_a_delete(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    kw = {"start": JAN[0], "end": JAN[-1], "keep_versions": True}
    replace_partition(conn, TABLE, frame(JAN, "100", sha="v1"), batch=Batch("live"), **kw)
    withdrawn = frame(JAN, "100", sha="v2").with_columns(
        pl.lit(None).cast(pl.Decimal(38, 10)).alias("close")
    )
    replace_partition(conn, TABLE, withdrawn, batch=Batch("live"), **kw)
    # an empty page (no row in the window) adds and deletes nothing
    replace_partition(conn, TABLE, frame([], sha="v3"), batch=Batch("live"), **kw)
    versions = conn.execute(
        "select _payload_sha256, count(*), count(close) from raw_binance.spot_klines "
        "group by 1 order by 1"
    ).fetchall()
    assert versions == [("v1", 5, 5), ("v2", 5, 0)]


def test_a_fetch_log_from_before_outcomes_gains_the_new_columns(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    conn.execute("create schema if not exists meta")
    conn.execute(
        """
        create table meta.fetch_log (
            source varchar not null, endpoint varchar not null, params json, status integer,
            bytes bigint, sha256 varchar, landing_path varchar, fetched_at timestamptz not null,
            rows_parsed bigint, error varchar, batch_id varchar
        )
        """
    )
    conn.execute(
        "insert into meta.fetch_log (source, endpoint, fetched_at) values ('old', 'e', now())"
    )
    record = FetchRecord(
        source="binance",
        endpoint="spot_klines",
        params={"symbol": "ETHUSDT"},
        status=200,
        bytes=2,
        sha256="s",
        landing_path="f",
        fetched_at=datetime(2024, 1, 6, tzinfo=UTC),
        rows_parsed=0,
        table_name=TABLE.qualified,
        series="ETHUSDT",
        window_start=JAN[0],
        window_end=JAN[-1],
        outcome=EMPTY_ANSWER,
    )
    log_fetches(conn, [record], batch_id="b")
    rows = conn.execute(
        "select source, series, window_start, window_end, outcome from meta.fetch_log order by 1"
    ).fetchall()
    assert rows == [
        ("binance", "ETHUSDT", JAN[0], JAN[-1], "empty answer"),
        ("old", None, None, None, None),
    ]
