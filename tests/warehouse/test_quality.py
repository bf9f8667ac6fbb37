"""The gap check: which series-days are missing, and why (from meta.fetch_log)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import duckdb
import polars as pl

from warehouse.connection import connect
from warehouse.quality import MissingDay, last_load, missing_days
from warehouse.tables import (
    EMPTY_ANSWER,
    FAILED,
    LOADED,
    Batch,
    FetchRecord,
    RawTable,
    log_fetches,
    replace_partition,
)

TABLE = RawTable("fred", "observations")
# Monday 2025-11-03 .. Sunday 2025-11-16: two weeks.
WEEKS = [date(2025, 11, 3) + timedelta(days=i) for i in range(14)]


def load(conn: duckdb.DuckDBPyConnection, series: str, days: list[date], batch: Batch) -> None:
    frame = pl.DataFrame(
        {"series_id": [series] * len(days), "date": days, "value": [1.0] * len(days)},
        schema={"series_id": pl.String, "date": pl.Date, "value": pl.Float64},
    )
    replace_partition(
        conn, TABLE, frame, start=WEEKS[0], end=WEEKS[-1], batch=batch, series=("series_id",)
    )


def fetched(
    conn: duckdb.DuckDBPyConnection,
    series: str,
    window: tuple[date, date],
    outcome: str,
    *,
    batch_id: str,
    at: datetime,
    status: int = 200,
    error: str | None = None,
) -> None:
    log_fetches(
        conn,
        [
            FetchRecord(
                source="fred",
                endpoint="observations",
                params={"id": series},
                status=status,
                bytes=10,
                sha256="s",
                landing_path="f",
                fetched_at=at,
                error=error,
                table_name=TABLE.qualified,
                series=series,
                window_start=window[0],
                window_end=window[1],
                outcome=outcome,
            )
        ],
        batch_id=batch_id,
    )


def weekdays(days: list[date]) -> list[date]:
    return [d for d in days if d.weekday() < 5]


def test_weekends_are_not_missing_for_a_weekday_series(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    load(conn, "NASDAQ100", weekdays(WEEKS), Batch("live"))
    assert missing_days(conn, TABLE, ("series_id",), weekdays_only=True) == []
    every_day = missing_days(conn, TABLE, ("series_id",))
    assert [m.day.weekday() for m in every_day] == [5, 6]  # only the first weekend is inside


def test_a_series_is_expected_from_its_first_row_to_the_newest_day_fetched(
    tmp_path: Path,
) -> None:
    conn = connect(tmp_path / "w.duckdb")
    at = datetime(2025, 11, 17, 1, tzinfo=UTC)
    load(conn, "NASDAQ100", weekdays(WEEKS), Batch("live"))
    # SP500 starts later (not missing before its first row) and its last answer stopped short
    load(conn, "SP500", weekdays(WEEKS[7:11]), Batch("live"))
    fetched(conn, "SP500", (WEEKS[7], WEEKS[-1]), LOADED, batch_id="b1", at=at)
    # the newest fetch (for Monday 17th) came back empty for every series
    monday = WEEKS[-1] + timedelta(days=1)
    for series in ("NASDAQ100", "SP500"):
        fetched(
            conn, series, (WEEKS[-1], monday), EMPTY_ANSWER, batch_id="b2", at=at.replace(day=18)
        )
    missing = missing_days(conn, TABLE, ("series_id",), weekdays_only=True)
    assert missing == [
        MissingDay("NASDAQ100", monday, EMPTY_ANSWER),
        MissingDay("SP500", date(2025, 11, 14), "not in answer"),
        MissingDay("SP500", monday, EMPTY_ANSWER),
    ]


def test_the_reason_is_the_latest_fetch_that_covered_the_day(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    load(conn, "NASDAQ100", weekdays(WEEKS[:4]), Batch("live"))
    friday = WEEKS[4]
    first = datetime(2025, 11, 8, 1, tzinfo=UTC)
    fetched(conn, "NASDAQ100", (WEEKS[1], friday), EMPTY_ANSWER, batch_id="b1", at=first)
    fetched(
        conn,
        "NASDAQ100",
        (WEEKS[2], friday),
        FAILED,
        batch_id="b2",
        at=first + timedelta(days=1),
        status=503,
        error="GET ... -> HTTP 503 after 5 attempt(s)",
    )
    assert missing_days(conn, TABLE, ("series_id",), weekdays_only=True) == [
        MissingDay("NASDAQ100", friday, "HTTP error 503")
    ]
    # a day inside no fetch's window was never asked for
    conn.execute("delete from raw_fred.observations where date = ?", [WEEKS[0] + timedelta(1)])
    conn.execute("update meta.fetch_log set window_start = ?", [WEEKS[3]])
    assert missing_days(conn, TABLE, ("series_id",), weekdays_only=True)[0] == MissingDay(
        "NASDAQ100", WEEKS[1], "not yet fetched"
    )


def test_the_last_load_summary_names_the_series_that_came_back_empty(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    batch = Batch("live")
    load(conn, "NASDAQ100", weekdays(WEEKS[:5]), batch)
    at = datetime(2025, 11, 8, 1, tzinfo=UTC)
    fetched(conn, "NASDAQ100", (WEEKS[0], WEEKS[4]), LOADED, batch_id=batch.batch_id, at=at)
    fetched(conn, "SP500", (WEEKS[0], WEEKS[4]), EMPTY_ANSWER, batch_id=batch.batch_id, at=at)
    summary = last_load(conn, TABLE)
    assert summary.batch_id == batch.batch_id and summary.empty_answers == ["SP500"]


def test_since_looks_only_at_recent_days_and_still_knows_each_series_first_day(
    tmp_path: Path,
) -> None:
    conn = connect(tmp_path / "w.duckdb")
    # NASDAQ100 misses Tuesday of week 1 and Wednesday of week 2; SP500 starts on week 2's
    # Thursday, so its earlier days are not missing
    days = weekdays(WEEKS)
    load(conn, "NASDAQ100", [d for d in days if d not in (WEEKS[1], WEEKS[9])], Batch("live"))
    load(conn, "SP500", [d for d in days if d >= WEEKS[10]], Batch("live"))
    everything = missing_days(conn, TABLE, ("series_id",), weekdays_only=True)
    assert [(m.series, m.day) for m in everything] == [
        ("NASDAQ100", WEEKS[1]),
        ("NASDAQ100", WEEKS[9]),
    ]
    recent = missing_days(conn, TABLE, ("series_id",), weekdays_only=True, since=WEEKS[7])
    assert [(m.series, m.day) for m in recent] == [("NASDAQ100", WEEKS[9])]
    # a day after every row is still expected when a fetch covered it
    assert missing_days(conn, TABLE, ("series_id",), since=WEEKS[-1] + timedelta(days=1)) == []
