"""Queries behind the raw-layer checks: missing days with their reason, and the last load's
payloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from warehouse.relations import has_table, table_columns
from warehouse.tables import EMPTY_ANSWER, FAILED, LOADED, WHOLE_TABLE_SERIES, RawTable, _ident

NOT_IN_ANSWER = "not in answer"
NOT_YET_FETCHED = "not yet fetched"


@dataclass(frozen=True)
class MissingDay:
    series: str
    day: date
    # empty answer | not in answer | HTTP error <status> | failed: <error> | not yet fetched
    reason: str


def _has_fetch_lineage(conn: duckdb.DuckDBPyConnection) -> bool:
    """Warehouses written before the fetch log named its table and series cannot say why."""
    return "outcome" in table_columns(conn, "meta", "fetch_log")


def missing_days(
    conn: duckdb.DuckDBPyConnection,
    table: RawTable,
    series: tuple[str, ...] = (),
    *,
    weekdays_only: bool = False,
    since: date | None = None,
) -> list[MissingDay]:
    """Every day a series of ``table`` should have a row for and has none, with the reason taken
    from the latest fetch of that series that covered the day (``meta.fetch_log``).

    A series is expected on every day (or weekday) from its first row to the table's last
    expected day: the newest day any series has, or the end of the newest window fetched for
    the table, whichever is later, so a day whose only answers were empty or failed counts.

    ``since``: only days from then on are looked at (a day's run checks its recent days; the
    rows before are only read for each series' first day), so the check's cost follows the
    days it covers, not the table's history."""
    key = " || '/' || ".join(f"cast({_ident(c)} as varchar)" for c in series) or (
        f"'{WHOLE_TABLE_SERIES}'"
    )
    date_col = _ident(table.date_column)
    lineage = _has_fetch_lineage(conn)
    fetched_end = (
        "(select max(window_end) from meta.fetch_log where table_name = $table)"
        if lineage
        else "null"
    )
    weekday = "isodow(days.d) <= 5" if weekdays_only else "true"
    # With `since`, the first days come from a plain aggregate over the table and only the
    # recent rows are made distinct; `d > first_d` below keeps a series out before its first row.
    since_sql = "null" if since is None else f"date '{since.isoformat()}'"
    recent = "true" if since is None else f"{date_col} >= {since_sql}"
    gaps = f"""
        with firsts as (
            select {key} as series, min({date_col}) as first_d, max({date_col}) as last_d
            from {table.qualified} group by all
        ),
        present as (
            select distinct {key} as series, {date_col} as d from {table.qualified}
            where {recent}
        ),
        days as (
            select cast(unnest(generate_series(
                cast(greatest((select min(first_d) from firsts), {since_sql}) as timestamp),
                cast(greatest((select max(last_d) from firsts), {fetched_end}) as timestamp),
                interval 1 day
            )) as date) as d
        ),
        missing as (
            select f.series, days.d from firsts f join days on days.d > f.first_d
            where {weekday} and not exists (
                select 1 from present p where p.series = f.series and p.d = days.d
            )
        )
    """
    if not lineage:
        rows = conn.execute(
            f"{gaps} select series, d, null, null, null, null from missing order by 1, 2"
        ).fetchall()
    else:
        # The reason is the verdict of the latest batch that fetched the series for that day.
        rows = conn.execute(
            f"""
            {gaps},
            candidates as (
                select m.series, m.d, f.batch_id, f.fetched_at, f.status, f.error, f.outcome
                from missing m join meta.fetch_log f
                  on f.table_name = $table and f.series = m.series
                 and m.d between f.window_start and f.window_end
            ),
            latest as (
                select series, d, arg_max(batch_id, fetched_at) as batch_id
                from candidates group by series, d
            ),
            verdicts as (
                select c.series, c.d,
                       max(c.status) filter (where c.status >= 400) as http_status,
                       min(c.error) as error,
                       bool_or(c.outcome = $loaded) as answered,
                       bool_or(c.outcome = $empty) as empty
                from candidates c join latest l using (series, d, batch_id)
                group by c.series, c.d
            )
            select m.series, m.d, v.http_status, v.error, v.answered, v.empty
            from missing m left join verdicts v using (series, d)
            order by 1, 2
            """,
            {"table": table.qualified, "loaded": LOADED, "empty": EMPTY_ANSWER},
        ).fetchall()
    return [
        MissingDay(series, day, _reason(http_status, error, answered, empty))
        for series, day, http_status, error, answered, empty in rows
    ]


def _reason(
    http_status: int | None, error: str | None, answered: bool | None, empty: bool | None
) -> str:
    if http_status is not None:
        return f"HTTP error {http_status}"
    if error is not None:
        return f"failed: {error[:200]}"
    if answered:
        return NOT_IN_ANSWER
    if empty:
        return EMPTY_ANSWER
    return NOT_YET_FETCHED


@dataclass(frozen=True)
class LoadSummary:
    batch_id: str | None
    payloads: int
    bytes: int
    rows_parsed: int
    errors: list[str]
    # Series whose payloads parsed to no row of the window (see warehouse.tables.EMPTY_ANSWER).
    empty_answers: list[str]


def last_load(conn: duckdb.DuckDBPyConnection, table: RawTable) -> LoadSummary:
    """The payloads behind the most recent load of ``table`` (one that loaded nothing, because
    every answer was empty, counts too)."""
    batch = conn.execute(
        "select batch_id from meta.load_log where table_name = ? order by loaded_at desc limit 1",
        [table.qualified],
    ).fetchall()
    if not batch:
        return LoadSummary(None, 0, 0, 0, [], [])
    batch_id = batch[0][0]
    payloads, size, parsed = conn.execute(
        "select count(*), coalesce(sum(bytes), 0), coalesce(sum(rows_parsed), 0) "
        "from meta.fetch_log where batch_id = ?",
        [batch_id],
    ).fetchall()[0]
    errors = [
        e
        for (e,) in conn.execute(
            "select error from meta.fetch_log where batch_id = ? and error is not null", [batch_id]
        ).fetchall()
    ]
    empty = (
        [
            s
            for (s,) in conn.execute(
                "select distinct series from meta.fetch_log where batch_id = ? and outcome = ? "
                "and series not in (select series from meta.fetch_log "
                "where batch_id = ? and outcome = ?) order by 1",
                [batch_id, EMPTY_ANSWER, batch_id, LOADED],
            ).fetchall()
        ]
        if _has_fetch_lineage(conn)
        else []
    )
    return LoadSummary(batch_id, int(payloads), int(size), int(parsed), errors, empty)


@dataclass(frozen=True)
class FailedFetch:
    source: str
    series: str
    endpoint: str
    error: str
    landing_path: str | None


def failed_fetches(conn: duckdb.DuckDBPyConnection, since: datetime) -> list[FailedFetch]:
    """The series whose fetch or parse failed in the loads made since ``since`` (one ``crw
    run``): what was loaded without them, once per (table, series, endpoint, error)."""
    if not _has_fetch_lineage(conn):
        return []
    rows = conn.execute(
        """
        select source, coalesce(series, '?'), endpoint, error, min(landing_path)
        from meta.fetch_log
        where outcome = $failed and batch_id in (
            select batch_id from meta.load_log where loaded_at >= $since
        )
        group by table_name, source, series, endpoint, error
        order by source, endpoint, 2
        """,
        {"failed": FAILED, "since": since},
    ).fetchall()
    return [FailedFetch(*row) for row in rows]


def table_exists(conn: duckdb.DuckDBPyConnection, table: RawTable) -> bool:
    return has_table(conn, table.schema, table.entity)
