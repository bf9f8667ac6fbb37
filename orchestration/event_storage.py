"""A faster Dagster event log for a single machine.

A backfill of the sample window materializes ~685 daily partitions per raw asset in one run,
and Dagster records one event per partition. The stock SQLite event log opens a new engine and
connection for every event (NullPool), which made the bookkeeping cost ~10 ms per event, far
more than the ingestion itself. This is Dagster's consolidated SQLite event log with one pooled
engine per process, in WAL mode (readers such as the webserver never block the writer) with
``synchronous=NORMAL``: the same tables and behaviour, about 8x faster in bench/events.

It also records the plan of a single-run backfill as one "materialization planned" event per
asset carrying the partition range, instead of one per partition and asset (Dagster's own
``DAGSTER_EMIT_PARTITION_SUBSET_IN_PLANNED_EVENTS`` behaviour): for the sample window that was
~46,000 events written before the first step started. Dagster documents the trade-off: when
such a run fails, its partitions show as missing rather than failed in the UI (the failed run
itself is still listed and the asset's failure is in its events).

It also remembers the schema facts the stock storage looks up again for every event it stores:
whether a table exists (a new engine and connection each time) and whether the asset-key index
columns exist (a column inspection). Asked ~3 times per asset event, they cost more than
storing the event (~9 s of a sample backfill); the answers change only with a schema migration
(``upgrade``, which forgets them).

And it stores each event in one transaction instead of up to three (the event, its asset or check
index rows, a check's execution record), and a batch of events in one: Dagster hands a range
run's per-partition materializations of a step over as one batch when
``DAGSTER_EVENT_BATCH_SIZE`` is set, which ``crw`` does (``Settings.export``). One event per
transaction took a step storing 150 check results from 0.87 s to 0.80 s (2026-12-07).
Inside a batch, each asset's row of the asset-key index is written once, at the batch's end,
with what the batch's last events of each type set; the stock storage rewrites it for every
event, serializing the whole event again each time as the asset's "last materialization".
And a range run's planned check rows (one per partition and check: ~700 for a check over the
sample window) are inserted with the event serialized once, as one executemany. Together these
took ~16 s off the sample's full run when the machine ran slow (96.6 s -> 80.4 s, 2026-12-07);
the planned rows were written before the first step started.

And it keeps one execution record per asset check and run. Dagster (1.13) plans the checks
of a one-day run (``daily_pipeline``) with the run's partition even when the check has no
partitions, and stores the check's result without one. So every check that ran kept a second,
"planned" row, shown as skipped in the check's history next to its result. When an unpartitioned
result is stored, the same check's partitioned "planned" rows of that run are dropped in the same
transaction. Checks the run planned and did not run (a day's ``full_build`` tier) keep their
"planned" row: the UI shows them skipped, which is what happened.

Configured in the checked-in ``orchestration/dagster.yaml``, which ``crw`` installs into
``$DAGSTER_HOME``.

Still needed: bench/events.py measures a 685-partition backfill with two checks at 19.2x the
stock storage's speed (2026-12-07). At a Dagster upgrade (it subclasses the private
``ConsolidatedSqliteEventLogStorage``): run tests/orchestration/test_event_storage.py, which runs
a partitioned range through it; check that ``_connect``, ``_conn_string``, ``has_table``,
``_has_asset_key_index_cols_on_connection``, ``store_event_batch``, ``upgrade`` and
``supports_partition_subset_in_asset_materialization_planned_events``,
``_update_asset_check_evaluation``, ``store_event``, ``_store_asset_event``,
``_get_asset_entry_values`` and ``_store_asset_check_evaluation_planned`` still exist in
Dagster's SQLite storage with the same meaning (``_store_asset_event``'s insert-or-update and
``_store_asset_check_evaluation_planned`` are re-done here: compare them with Dagster's), and
that ``DAGSTER_EVENT_BATCH_SIZE`` still turns on batches; re-run bench/events.py; if the stock
storage has become as fast, delete this module and its ``event_log_storage`` block in
dagster.yaml.
"""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from typing import cast

from dagster import EventLogEntry
from dagster._core.definitions.asset_checks.asset_check_evaluation import (
    AssetCheckEvaluationPlanned,
)
from dagster._core.storage.asset_check_execution_record import AssetCheckExecutionRecordStatus
from dagster._core.storage.event_log import ConsolidatedSqliteEventLogStorage
from dagster._core.storage.event_log.schema import AssetCheckExecutionsTable, AssetKeyTable
from dagster_shared import check
from dagster_shared.serdes import serialize_value
from sqlalchemy import and_, create_engine, event
from sqlalchemy import exc as db_exc
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

SQLITE_BUSY_TIMEOUT_S = 30


class PooledSqliteEventLogStorage(ConsolidatedSqliteEventLogStorage):
    _engine: Engine | None = None
    _tables_present: frozenset[str] = frozenset()
    _index_cols_present: bool = False

    def _pooled_engine(self) -> Engine:
        if self._engine is None:
            engine = create_engine(
                self._conn_string,
                poolclass=QueuePool,
                pool_size=1,
                max_overflow=4,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S},
            )

            @event.listens_for(engine, "connect")
            def _pragmas(dbapi_connection, _record) -> None:
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
                cursor.close()

            self._engine = engine
        return self._engine

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        batch = self._batch_connection()
        if batch is not None:  # inside store_event_batch: its one transaction
            yield batch
            return
        with self._pooled_engine().connect() as conn, conn.begin():
            yield conn

    def _batch_connection(self) -> Connection | None:
        return getattr(self._batches, "conn", None)

    @cached_property
    def _batches(self) -> threading.local:
        return threading.local()

    @contextmanager
    def _one_transaction(self) -> Iterator[None]:
        """Every write inside on one connection and transaction (``_connect`` hands it out)."""
        if self._batch_connection() is not None:
            yield
            return
        with self._pooled_engine().connect() as conn, conn.begin():
            self._batches.conn = conn
            try:
                yield
            finally:
                self._batches.conn = None

    def store_event_batch(self, events: Sequence[EventLogEntry]) -> None:
        """One transaction for a batch (the stock storage stores each event in three): Dagster
        sends a range run's per-partition materializations of a step as one batch when
        DAGSTER_EVENT_BATCH_SIZE is set (``crw`` sets it). If any write fails, none of the batch
        is kept and Dagster stores the events one by one instead.

        Each asset's row in the asset-key index is written once per batch, not once per event:
        the stock storage rewrites it for every event (serializing the whole event again as the
        asset's "last materialization"), and only the last write of each kind survives."""
        if getattr(self._batches, "asset_rows", None) is not None:  # inside a batch already
            super().store_event_batch(events)
            return
        with self._one_transaction():
            self._batches.asset_rows = {}
            try:
                super().store_event_batch(events)  # store_event for each, on one connection
                self._write_asset_rows(self._batches.asset_rows)
            finally:
                self._batches.asset_rows = None

    def store_event(self, event: EventLogEntry) -> None:
        """One transaction per event: the stock storage commits the event row, its asset or
        check index rows and a check's execution record each in their own (a dbt step stores
        ~180 results, most of them check evaluations)."""
        with self._one_transaction():
            super().store_event(event)

    def _store_asset_event(self, conn: Connection, event: EventLogEntry, event_id: int) -> None:
        """Inside a batch, remember the asset's latest event of each type (what the index row is
        made of); ``_write_asset_rows`` writes the row at the batch's end. Outside, as stock."""
        pending = getattr(self._batches, "asset_rows", None)
        if pending is None or not (event.dagster_event and event.dagster_event.asset_key):
            super()._store_asset_event(conn, event, event_id)
            return
        latest = pending.setdefault(event.dagster_event.asset_key.to_string(), {})
        # re-inserted, so the dict's order is the order of each type's last event
        latest.pop(event.dagster_event_type, None)
        latest[event.dagster_event_type] = (event, event_id)

    def _write_asset_rows(
        self, pending: dict[str, dict[object, tuple[EventLogEntry, int]]]
    ) -> None:
        """The asset-key index rows a batch leaves, as the stock storage's event-by-event
        writes leave them: each event type sets the same columns every time, so applying each
        type's last event in the order those came gives the same row."""
        if not pending:
            return
        with self.index_connection() as conn:
            index_cols = self._has_asset_key_index_cols_on_connection(conn)
            for asset_key, latest in pending.items():
                values: dict[str, object] = {}
                for event, event_id in latest.values():
                    values.update(self._get_asset_entry_values(event, event_id, index_cols))
                if not values:
                    continue
                try:
                    conn.execute(AssetKeyTable.insert().values(asset_key=asset_key, **values))
                except db_exc.IntegrityError:
                    conn.execute(
                        AssetKeyTable.update()
                        .values(**values)
                        .where(AssetKeyTable.c.asset_key == asset_key)
                    )

    def _store_asset_check_evaluation_planned(
        self, event: EventLogEntry, event_id: int | None
    ) -> None:
        """The stock rows (one per planned partition), with the event serialized once and the
        rows inserted as one executemany, not one statement of ~700 VALUES tuples built from
        ~700 serializations (a range run's check over the sample window: ~0.25 s each)."""
        planned = cast(
            AssetCheckEvaluationPlanned, check.not_none(event.dagster_event).event_specific_data
        )
        partition_keys = (
            planned.partitions_subset.get_partition_keys() if planned.partitions_subset else [None]
        )
        shared = dict(
            asset_key=planned.asset_key.to_string(),
            check_name=planned.check_name,
            run_id=event.run_id,
            execution_status=AssetCheckExecutionRecordStatus.PLANNED.value,
            evaluation_event=serialize_value(event),
            evaluation_event_timestamp=self._event_insert_timestamp(event),
            evaluation_event_storage_id=event_id,
        )
        with self.index_connection() as conn:
            conn.execute(
                AssetCheckExecutionsTable.insert(),
                [{**shared, "partition": key} for key in partition_keys],
            )

    def _update_asset_check_evaluation(self, event: EventLogEntry, event_id: int | None) -> None:
        """A check's result without a partition replaces the run's partitioned "planned" rows
        of that check (module docstring): one record per check and run, with its result."""
        evaluation = event.dagster_event.event_specific_data if event.dagster_event else None
        if evaluation is None or evaluation.partition is not None:
            super()._update_asset_check_evaluation(event, event_id)
            return
        table = AssetCheckExecutionsTable.c
        with self._one_transaction(), self.index_connection() as conn:
            conn.execute(
                AssetCheckExecutionsTable.delete().where(
                    and_(
                        table.asset_key == evaluation.asset_key.to_string(),
                        table.check_name == evaluation.check_name,
                        table.run_id == event.run_id,
                        table.partition.isnot(None),
                        table.execution_status == AssetCheckExecutionRecordStatus.PLANNED.value,
                    )
                )
            )
            super()._update_asset_check_evaluation(event, event_id)

    def has_table(self, table_name: str) -> bool:
        # Only a present table is remembered: a missing one may be created by a migration.
        if table_name in self._tables_present:
            return True
        present = super().has_table(table_name)
        if present:
            self._tables_present = self._tables_present | {table_name}
        return present

    def _has_asset_key_index_cols_on_connection(self, conn: Connection) -> bool:
        if not self._index_cols_present:
            self._index_cols_present = super()._has_asset_key_index_cols_on_connection(conn)
        return self._index_cols_present

    def upgrade(self) -> None:
        self._tables_present, self._index_cols_present = frozenset(), False
        super().upgrade()

    @property
    def supports_partition_subset_in_asset_materialization_planned_events(self) -> bool:
        return True

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        super().dispose()
