"""The transform window: which days the incremental dbt models recompute (no dbt run here)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse.connection import connect
from warehouse.tables import Batch, RawTable, replace_partition
from warehouse.transform_window import close_window, forget_last_transform, open_window

TABLE = RawTable("binance", "spot_klines")
VERSIONED = RawTable("farside", "etf_flows")


def _load(conn, table: RawTable, days: list[date], *, sha: str, minutes: int, **kwargs) -> None:
    frame = pl.DataFrame(
        {
            "symbol": ["BTCUSDT"] * len(days),
            "date": days,
            "close": [1.0] * len(days),
            "_payload_sha256": [sha] * len(days),
        }
    )
    loaded_at = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes)
    batch = Batch(source_mode="sample", loaded_at=loaded_at)
    replace_partition(conn, table, frame, start=min(days), end=max(days), batch=batch, **kwargs)


@pytest.fixture
def conn(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    conn = connect(tmp_path / "warehouse.duckdb")
    yield conn
    conn.close()


def _row(conn) -> tuple:
    return conn.execute(
        "select from_date, full_refresh, reason from meta.transform_window"
    ).fetchone()


def test_the_first_transform_is_a_full_rebuild(conn) -> None:
    _load(conn, TABLE, [date(2024, 1, 1), date(2024, 1, 2)], sha="a", minutes=0, series=("symbol",))
    window = open_window(conn, project_version="v1")
    assert (window.from_date, window.full_refresh) == (None, True)
    assert _row(conn) == (None, True, "no earlier transform")


def test_the_window_starts_at_the_earliest_day_loaded_since_the_last_transform(conn) -> None:
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(30)]
    _load(conn, TABLE, days, sha="a", minutes=0, series=("symbol",))
    open_window(conn, project_version="v1")
    close_window(conn)

    # Nothing loaded since: the incremental models keep their rows.
    window = open_window(conn, project_version="v1")
    assert (window.from_date, window.full_refresh) == (None, False)
    close_window(conn)

    # A one-day run re-fetching a trailing window of three days, and a late version of an
    # older day in another table: the window starts at the oldest changed day.
    _load(conn, TABLE, days[-3:], sha="b", minutes=10, series=("symbol",))
    _load(conn, VERSIONED, [date(2024, 1, 20)], sha="c", minutes=11, keep_versions=True)
    window = open_window(conn, project_version="v1")
    assert (window.from_date, window.full_refresh) == (date(2024, 1, 20), False)

    # dbt failed: no watermark, so the next transform still covers those days.
    window = open_window(conn, project_version="v1")
    assert window.from_date == date(2024, 1, 20)
    close_window(conn)
    assert open_window(conn, project_version="v1").from_date is None


def test_full_refresh_when_asked_or_when_the_dbt_project_changed(conn) -> None:
    _load(conn, TABLE, [date(2024, 1, 1)], sha="a", minutes=0, series=("symbol",))
    open_window(conn, project_version="v1")
    close_window(conn)
    assert open_window(conn, project_version="v1", full_refresh=True).full_refresh
    assert _row(conn)[1:] == (True, "--full-refresh")
    window = open_window(conn, project_version="v2")
    assert (window.from_date, window.full_refresh) == (None, True)
    assert _row(conn)[2] == "the dbt project or the universe file changed since the last transform"


def test_forgetting_the_last_transform_reopens_its_window(conn) -> None:
    _load(conn, TABLE, [date(2024, 1, 1), date(2024, 1, 2)], sha="a", minutes=0, series=("symbol",))
    open_window(conn, project_version="v1")
    close_window(conn)
    _load(conn, TABLE, [date(2024, 1, 3)], sha="b", minutes=1, series=("symbol",))
    day = open_window(conn, project_version="v1")
    close_window(conn)
    assert open_window(conn, project_version="v1").from_date is None

    forget_last_transform(conn)
    again = open_window(conn, project_version="v1")
    assert (
        (again.from_date, again.full_refresh) == (day.from_date, False) == (date(2024, 1, 3), False)
    )
