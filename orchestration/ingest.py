"""fetch -> land -> parse -> load for one raw table and one date window, with no Dagster in it
so it can be called from assets, the benchmark and tests alike.

Every payload received is landed before it is parsed and logged to ``meta.fetch_log`` even when
a later page, the parse or the load fails; the raw table is written only when everything parsed,
and then only the (series, day) keys the answer contained are replaced: a payload with no row in
the window is logged as an empty answer and deletes nothing. Incremental sources re-fetch a
trailing window (``TrailingWindow``) so a day that came back empty or late heals on the next run.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal

import polars as pl

from ingestion.batches import parse_batch, parse_payloads
from ingestion.errors import IngestionError, MissingCredentialsError
from ingestion.http import SourceHttp, new_session
from ingestion.landing import land
from ingestion.payloads import Payload
from ingestion.replay import mount_replay, use_sample_dir
from ingestion.universe import Universe
from warehouse.connection import connection
from warehouse.settings import Settings
from warehouse.tables import (
    EMPTY_ANSWER,
    FAILED,
    LOADED,
    WHOLE_TABLE_SERIES,
    Batch,
    FetchRecord,
    RawTable,
    log_fetches,
    replace_partition,
    replace_universe,
    series_label,
)

log = logging.getLogger("crw.orchestration.ingest")

Fetch = Callable[[SourceHttp, date, date], list[Payload]]
PREVIEW_ROWS = 5
CONNECT_TIMEOUT_S = 5.0
FetchOne = Callable[[SourceHttp, str, date, date], list[Payload]]
Window = Callable[[date, date, Settings], tuple[date, date]]


@dataclass(frozen=True)
class InputFailure:
    """One series (or a whole source's fetch, ``series`` None) that failed: its error and the
    payloads it received before (landed, among them the error answer itself)."""

    series: str | None
    error: IngestionError
    payloads: list[Payload]
    day: date | None = None


class KeysFailed(IngestionError):
    """Some keys of a ``for_each`` fetch failed: what the others received, and the failures."""

    def __init__(self, payloads: list[Payload], failures: list[InputFailure]) -> None:
        self.payloads, self.failures = payloads, failures
        first = failures[0].error
        super().__init__(
            "; ".join(f"{f.series}: {f.error}" for f in failures),
            source=first.source,
            endpoint=first.endpoint,
        )


def for_each(keys: Sequence[str], fetch_one: FetchOne) -> Fetch:
    """A window fetch that calls ``fetch_one`` for each symbol (or coin, currency) in turn. One
    key failing does not stop the others: their payloads come back with the failures in a
    ``KeysFailed``."""

    def fetch(http: SourceHttp, start: date, end: date) -> list[Payload]:
        payloads: list[Payload] = []
        failures: list[InputFailure] = []
        for key in keys:
            before = len(http.received)
            try:
                payloads += fetch_one(http, key, start, end)
            except MissingCredentialsError:
                raise
            except IngestionError as exc:
                failures.append(InputFailure(key, exc, http.received[before:]))
        if failures:
            raise KeysFailed(payloads, failures)
        return payloads

    return fetch


@dataclass(frozen=True)
class TrailingWindow:
    """The overlap of an incremental source (a ``RawSpec.window``): every run covers at least
    its last day and the ``days`` days before it, so a day that came back empty, short or was
    corrected later is fetched again and replaced by the next runs without a manual backfill.
    A run whose window already reaches that far back (a backfill) is left as it is."""

    days: int

    def __call__(self, start: date, end: date, settings: Settings) -> tuple[date, date]:
        return min(start, end - timedelta(days=self.days)), end


@dataclass(frozen=True)
class RawSpec:
    """How one raw table is filled: the source's client call, parser and schema."""

    source: str
    entity: str
    default_base_url: str
    fetch: Fetch
    parse: Callable[[Payload], pl.DataFrame]
    schema: Mapping[str, pl.DataType]
    description: str
    # Columns identifying one record within one fetch: exact repeats collapse, conflicts fail.
    key: tuple[str, ...]
    # Snapshot-only endpoints (current state) are fetched once per day of the window and their
    # rows dated with that day; live mode cannot backfill them, sample mode replays each day.
    snapshot: bool = False
    # Sources that revise what they published keep every version in raw (see replace_partition).
    keep_versions: bool = False
    # Endpoints serving only a recent stretch: replace just the keys a payload returns.
    merge_on: tuple[str, ...] | None = None
    user_agent: str | None = None
    # Continuous daily series: the raw check flags missing days per these key columns
    # (None: no gap check, e.g. trading-day or event sources).
    gap_check_by: tuple[str, ...] | None = None
    # How stale the table may get before Dagster flags it (per source cadence: daily crypto
    # sources ~1 day, weekday US sources over a long weekend, weekly calendars ~8 days).
    freshness_hours: int = 36
    # Live mode only: the API key headers, from the run's settings (may raise
    # MissingCredentialsError, which reports the asset skipped).
    secret_headers: Callable[[Settings], Mapping[str, str]] = field(default=lambda settings: {})
    # Sources that revise recent days re-fetch and reload a wider window than the partition's:
    # (start, end, settings) -> (load_start, load_end), called at run time.
    window: Window | None = None
    # Which CRW_<NAME>_BASE_URL moves this endpoint family (default: the source's own).
    base_url_name: str | None = None
    # The columns naming one series of the table (symbol; currency and kind; FRED series id),
    # when they are not gap_check_by's. A load replaces a series' day only when the answer has
    # rows for it; the fetch log and the gap check name empty answers per series.
    series_by: tuple[str, ...] | None = None
    # The request parameter carrying each series column where it is named otherwise (FRED's
    # ``id``): how a payload that parsed to no rows is put to its series.
    series_params: Mapping[str, str] = field(default_factory=dict)
    # The days a series has a row for, as the gap check expects them: every UTC day, or
    # weekdays (US market series, whose holidays FRED lists as '.').
    calendar: Literal["daily", "weekdays"] = "daily"
    # The symbols (coins, currencies) fetched, from the universe file: the asset's metadata.
    universe: tuple[str, ...] = ()

    @property
    def table(self) -> RawTable:
        return RawTable(self.source, self.entity)

    @property
    def series(self) -> tuple[str, ...]:
        if self.series_by is not None:
            return self.series_by
        return self.gap_check_by or ()

    def series_of(self, payload: Payload) -> str:
        """The series a payload was asked for, from its request parameters."""
        return series_label(
            payload.params.get(self.series_params.get(column, column), "?")
            for column in self.series
        )


@dataclass(frozen=True)
class IngestResult:
    table: str
    start: date
    end: date
    payloads: int
    bytes: int
    rows_inserted: int
    rows_deleted: int
    landing_paths: list[str]
    batch_id: str
    # Series (with the day, for snapshots) whose answer had no row in the window: their rows
    # loaded before were kept, and meta.fetch_log marks the payloads as empty answers.
    empty_series: list[str] = field(default_factory=list)
    # Series (or the whole fetch) that failed, each with its error (source, endpoint, landing
    # file): the others were loaded without them, and meta.fetch_log records them as errors.
    failures: list[str] = field(default_factory=list)
    # The newest rows loaded (without the _-prefixed lineage columns), for the Dagster UI.
    preview: pl.DataFrame | None = None


def _partition_label(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()}_{end.isoformat()}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def sample_clock(as_of: date) -> Callable[[], datetime]:
    """Sample mode replays the world as of a day: payloads are stamped as fetched just after
    that day closed (as the 00:30 schedule would), so the newest simulated day wins in
    staging whatever order ranges are (re)loaded in."""
    stamp = datetime.combine(as_of + timedelta(days=1), time(0, 10), tzinfo=UTC)
    return lambda: stamp


def open_http(spec: RawSpec, settings: Settings, *, as_of: date, partition: str) -> SourceHttp:
    session = new_session(**({"user_agent": spec.user_agent} if spec.user_agent else {}))
    if settings.source_mode == "sample":
        replay = importlib.import_module(f"ingestion.{spec.source}.replay")
        use_sample_dir(settings.sample_dir)
        mount_replay(session, functools.partial(replay.respond, as_of=as_of))
    return SourceHttp(
        source=spec.source,
        base_url=settings.base_url(spec.base_url_name or spec.source, spec.default_base_url),
        session=session,
        timeout_s=(CONNECT_TIMEOUT_S, settings.http_read_timeout_s),
        clock=sample_clock(as_of) if settings.source_mode == "sample" else utc_now,
        secret_headers=spec.secret_headers(settings) if settings.source_mode == "live" else {},
        on_response=lambda payload: land(payload, settings.landing_dir, partition),
    )


Clients = list[tuple[date | None, SourceHttp]]
Failures = list[InputFailure]


def _fetch_guarded(
    http: SourceHttp, fetch: Callable[[], list[Payload]], day: date | None, failures: Failures
) -> list[Payload]:
    """What a fetch received; a failure (of some keys, or of the whole fetch) is added to
    ``failures`` instead of ending the load, so what the other keys brought is still loaded."""
    try:
        return fetch()
    except MissingCredentialsError:
        raise
    except KeysFailed as exc:
        failures += [replace(f, day=day) for f in exc.failures]
        return exc.payloads
    except IngestionError as exc:
        failures.append(InputFailure(None, exc, list(http.received), day))
        return []


def _fetch_all(
    spec: RawSpec,
    settings: Settings,
    start: date,
    end: date,
    clients: Clients,
    failures: Failures,
) -> list[tuple[date | None, list[Payload]]]:
    """Fetch the window as (snapshot day, payloads) groups; ``clients`` collects every client
    (with its snapshot day) so a failure can still log what was received before it, and
    ``failures`` the keys (or whole fetches) that failed."""
    partition = _partition_label(start, end)
    if not spec.snapshot:
        as_of = end if settings.source_mode == "sample" else settings.today()
        http = open_http(spec, settings, as_of=as_of, partition=partition)
        clients.append((None, http))
        return [(None, _fetch_guarded(http, lambda: spec.fetch(http, start, end), None, failures))]
    today = settings.today()
    if settings.source_mode == "live" and (start < today - timedelta(days=1) or end > today):
        raise IngestionError(
            f"snapshot-only endpoint cannot be backfilled: window {start}..{end}, "
            f"live mode can only snapshot {today - timedelta(days=1)}..{today}",
            source=spec.source,
            endpoint=spec.entity,
        )
    groups = []
    day = start
    while day <= end:
        http = open_http(spec, settings, as_of=day, partition=day.isoformat())
        clients.append((day, http))
        fetch = functools.partial(spec.fetch, http, day, day)
        groups.append((day, _fetch_guarded(http, fetch, day, failures)))
        day += timedelta(days=1)
    return groups


Groups = list[tuple[date | None, list[Payload]]]


def _parse_groups(
    spec: RawSpec, groups: Groups, failures: Failures, duplicates: dict[str, int]
) -> tuple[pl.DataFrame, Groups]:
    """The rows of every series that parsed, and the groups without the payloads of a series
    whose payload could not be parsed (added to ``failures``: one error body or malformed page
    costs its own series only). ``duplicates`` collects the exact repeats collapsed, per
    landing file."""
    frames, parsed = [], []
    for day, payloads in groups:
        by_series: dict[str, list[Payload]] = {}
        for p in payloads:
            by_series.setdefault(spec.series_of(p), []).append(p)
        kept = []
        for series, members in by_series.items():
            try:
                batch = parse_batch(members, spec.parse, spec.schema, key=spec.key)
            except IngestionError as exc:
                failures.append(InputFailure(series, exc, members, day))
                continue
            frame = batch.frame
            duplicates.update(batch.duplicates_per_payload)
            if day is not None:
                # A snapshot stands for the partition day it was taken for (e.g. 00:10 UTC for
                # the day that just closed); the payload's own timestamp stays in its columns.
                frame = frame.with_columns(pl.lit(day, dtype=pl.Date).alias(spec.table.date_column))
            frames.append(frame)
            kept += members
        parsed.append((day, kept))
    frame = (
        pl.concat(frames, how="vertical") if frames else parse_payloads([], spec.parse, spec.schema)
    )
    return frame, parsed


def _records(
    spec: RawSpec,
    groups: list[tuple[date | None, list[Payload]]],
    window: tuple[date, date],
    rows_parsed: Mapping[str, int],
    rows_in_window: Mapping[str, int] | None,
    error: str | None,
    duplicates: Mapping[str, int] | None = None,
) -> list[FetchRecord]:
    """The fetch-log rows of a run: each payload with its series, the window it was fetched
    for (its day, for a snapshot), its outcome (``rows_in_window`` is None when the run
    failed before it loaded) and the exact duplicate records collapsed out of it (None when
    not parsed)."""
    records = []
    # A payload that parsed to no rows at all parsed 0 rows (unknown if the run failed first).
    parsed_none = 0 if rows_in_window is not None else None
    for day, payloads in groups:
        first, last = (day, day) if day is not None else window
        for p in payloads:
            path = str(p.landing_path) if p.landing_path else None
            if error is not None or rows_in_window is None:
                outcome = FAILED
            else:
                outcome = LOADED if rows_in_window.get(str(p.landing_path), 0) else EMPTY_ANSWER
            records.append(
                FetchRecord(
                    source=p.source,
                    endpoint=p.endpoint,
                    params=p.params,
                    status=p.status,
                    bytes=len(p.body),
                    sha256=p.sha256,
                    landing_path=path,
                    fetched_at=p.fetched_at,
                    rows_parsed=rows_parsed.get(str(p.landing_path), parsed_none),
                    error=error,
                    table_name=spec.table.qualified,
                    series=spec.series_of(p),
                    window_start=first,
                    window_end=last,
                    outcome=outcome,
                    duplicates_collapsed=(
                        duplicates.get(str(p.landing_path), 0) if duplicates is not None else None
                    ),
                )
            )
    return records


def _failure_records(
    spec: RawSpec, failures: Failures, window: tuple[date, date]
) -> list[FetchRecord]:
    """The fetch-log rows of failed series: each payload they received (the error answer
    among them) with the error, or one row naming the series when nothing was received."""
    records = []
    for f in failures:
        first, last = (f.day, f.day) if f.day is not None else window
        error = str(f.error)
        for p in f.payloads:
            records.append(
                FetchRecord(
                    source=p.source,
                    endpoint=p.endpoint,
                    params=p.params,
                    status=p.status,
                    bytes=len(p.body),
                    sha256=p.sha256,
                    landing_path=str(p.landing_path) if p.landing_path else None,
                    fetched_at=p.fetched_at,
                    error=error,
                    table_name=spec.table.qualified,
                    series=spec.series_of(p),
                    window_start=first,
                    window_end=last,
                    outcome=FAILED,
                )
            )
        if not f.payloads:
            records.append(
                FetchRecord(
                    source=spec.source,
                    endpoint=f.error.endpoint,
                    params={},
                    status=getattr(f.error, "status", None),
                    bytes=0,
                    sha256=None,
                    landing_path=f.error.landing_path,
                    fetched_at=utc_now(),
                    error=error,
                    table_name=spec.table.qualified,
                    series=f.series or WHOLE_TABLE_SERIES,
                    window_start=first,
                    window_end=last,
                    outcome=FAILED,
                )
            )
    return records


def failure_lines(spec: RawSpec, failures: Failures) -> list[str]:
    """One line per failed series: series (and day, for a snapshot) and the error, which names
    source, endpoint and landing file."""
    return [
        f"{f.series or WHOLE_TABLE_SERIES}{f' {f.day}' if f.day and spec.snapshot else ''}: "
        f"{f.error}"
        for f in failures
    ]


def _empty_series(spec: RawSpec, records: list[FetchRecord]) -> list[str]:
    """Series (per snapshot day) none of whose payloads had a row in the window."""

    def name(r: FetchRecord) -> str:
        return f"{r.series} {r.window_start}" if spec.snapshot else str(r.series)

    answered = {name(r) for r in records if r.outcome == LOADED}
    return sorted({name(r) for r in records if r.outcome == EMPTY_ANSWER} - answered)


def replay_revision_days(spec: RawSpec, settings: Settings, start: date, end: date) -> list[date]:
    """Sample mode is one backfill, but a warehouse run day by day fetches a revising source
    (``keep_versions``) every day and so holds each version it published: the days within
    [start, end) on which the replayed answer changes (its replay's ``revision_days``)."""
    if settings.source_mode != "sample" or not spec.keep_versions:
        return []
    replay = importlib.import_module(f"ingestion.{spec.source}.replay")
    use_sample_dir(settings.sample_dir)
    return [day for day in getattr(replay, "revision_days", list)() if start <= day < end]


# A snapshot source answers one day per fetch: a backfill longer than a year is fetched, parsed
# and loaded a calendar year at a time, so its memory is one year's (the 100x sample's 8 years of
# Deribit books, 6.3 M rows, peaked at 7.6 GiB as one frame). A year, not a month: each load
# costs ~0.15 s of fixed work (its transaction, fetch log and lake months), which by month added
# ~12 s to the bundled sample's backfill of its four snapshot sources.
SNAPSHOT_CHUNK_DAYS = 366


def ingest_window(spec: RawSpec, settings: Settings, start: date, end: date) -> IngestResult:
    """Fetch, land, parse and load the window. In sample mode a revising source is first
    fetched as of each day its replay changes answer, so the backfill holds the versions
    as-of queries walk (see replay_revision_days). A snapshot source's long window is loaded
    by calendar year, all under one batch id (one load, as the raw checks and
    the fetch log see it)."""
    for day in replay_revision_days(spec, settings, start, end):
        earlier = _ingest_window(spec, settings, day, day)
        log.info("%s: the version served on %s: %d rows", earlier.table, day, earlier.rows_inserted)
    chunks = snapshot_chunks(spec, start, end)
    if len(chunks) == 1:
        return _ingest_window(spec, settings, start, end)
    batch = Batch(settings.source_mode)
    results = []
    for number, (first, last) in enumerate(chunks, 1):
        results.append(_ingest_window(spec, settings, first, last, batch=batch))
        log.info(
            "%s: chunk %d of %d (%s..%s) loaded",
            spec.table.qualified,
            number,
            len(chunks),
            first,
            last,
        )
    return _merged(results)


def snapshot_chunks(spec: RawSpec, start: date, end: date) -> list[tuple[date, date]]:
    """[start, end] by calendar year for a snapshot source without a trailing window, when it
    is longer than SNAPSHOT_CHUNK_DAYS; the whole window otherwise."""
    if not spec.snapshot or spec.window is not None or (end - start).days < SNAPSHOT_CHUNK_DAYS:
        return [(start, end)]
    chunks, first = [], start
    while first <= end:
        last = min(date(first.year, 12, 31), end)
        chunks.append((first, last))
        first = date(first.year + 1, 1, 1)
    return chunks


def _merged(results: list[IngestResult]) -> IngestResult:
    return IngestResult(
        table=results[0].table,
        start=results[0].start,
        end=results[-1].end,
        payloads=sum(r.payloads for r in results),
        bytes=sum(r.bytes for r in results),
        rows_inserted=sum(r.rows_inserted for r in results),
        rows_deleted=sum(r.rows_deleted for r in results),
        landing_paths=[path for r in results for path in r.landing_paths],
        batch_id=results[-1].batch_id,
        empty_series=[series for r in results for series in r.empty_series],
        failures=[failure for r in results for failure in r.failures],
        preview=results[-1].preview,
    )


def _ingest_window(
    spec: RawSpec, settings: Settings, start: date, end: date, *, batch: Batch | None = None
) -> IngestResult:
    if spec.window is not None:
        start, end = spec.window(start, end, settings)
    batch = batch or Batch(settings.source_mode)
    clients: Clients = []
    failures: Failures = []
    rows_per_file: dict[str, int] = {}
    duplicates: dict[str, int] = {}
    try:
        groups = _fetch_all(spec, settings, start, end, clients, failures)
        frame, groups = _parse_groups(spec, groups, failures, duplicates)
        payloads = [p for _, group in groups for p in group]
        rows_per_file = dict(frame.group_by("_landing_path").len().iter_rows())
        # Some endpoints answer with more than the window (full history, latest-N, the still
        # open candle); only the window is this run's to replace.
        frame = frame.filter(pl.col(spec.table.date_column).is_between(start, end))
        rows_in_window = dict(frame.group_by("_landing_path").len().iter_rows())
        records = _records(
            spec, groups, (start, end), rows_per_file, rows_in_window, None, duplicates
        )
        records += _failure_records(spec, failures, (start, end))
        with connection(settings.duckdb_path) as conn:
            counts = replace_partition(
                conn,
                spec.table,
                frame,
                start=start,
                end=end,
                batch=batch,
                series=spec.series,
                keep_versions=spec.keep_versions,
                merge_on=spec.merge_on,
                lake_dir=settings.lake_dir,
            )
            log_fetches(conn, records, batch_id=batch.batch_id)
    except Exception as exc:
        received = [(day, http.received) for day, http in clients]
        if any(payloads for _, payloads in received):
            failed = _records(spec, received, (start, end), rows_per_file, None, str(exc))
            with connection(settings.duckdb_path) as conn:
                log_fetches(conn, failed, batch_id=batch.batch_id)
        raise
    empty = _empty_series(spec, records)
    for line in failure_lines(spec, failures):
        log.error("%s: FAILED, loaded without it: %s", spec.table.qualified, line)
    if empty:
        log.warning(
            "%s: empty answer for %s in %s..%s; their rows loaded before are kept",
            spec.table.qualified,
            ", ".join(empty),
            start,
            end,
        )
    return IngestResult(
        table=spec.table.qualified,
        start=start,
        end=end,
        payloads=len(payloads),
        bytes=sum(len(p.body) for p in payloads),
        rows_inserted=counts["rows_inserted"],
        rows_deleted=counts["rows_deleted"],
        landing_paths=[str(p.landing_path) for p in payloads],
        batch_id=batch.batch_id,
        preview=frame.select(c for c in frame.columns if not c.startswith("_"))
        .sort(spec.table.date_column, descending=True, maintain_order=True)
        .head(PREVIEW_ROWS),
        empty_series=empty,
        failures=failure_lines(spec, failures),
    )


def load_universe_table(settings: Settings, universe: Universe) -> int:
    """Replace meta.universe (kind, venue, asset, symbol) with the universe's rows in one
    transaction: the models read which assets each rule and mart covers from it, so a run
    loads it before dbt builds (the same file always gives the same rows). Its raw lake file
    (warehouse/lake.py) is rewritten with it."""
    rows = [(r.kind, r.venue, r.asset, r.symbol) for r in universe.rows()]
    with connection(settings.duckdb_path) as conn:
        return replace_universe(conn, rows, lake_dir=settings.lake_dir)
