"""Progress of a run in the terminal: one line per finished step (``[done/total]``, the asset,
rows loaded, seconds), so a long backfill shows where it is without the Dagster UI."""

from __future__ import annotations

import logging
import sys
import time

import dagster as dg


class ProgressHandler(logging.Handler):
    def __init__(self, total_steps: int, stream=None) -> None:
        super().__init__(level=logging.DEBUG)
        self.total_steps = total_steps
        self.stream = stream or sys.stdout
        self.done = 0
        self.rows: dict[str, int] = {}
        self.started: dict[str, float] = {}

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event")
        if event is None:
            return
        kind = event.event_type_value
        step = event.step_key or "?"
        if kind == "STEP_START":
            self.started[step] = time.perf_counter()
        elif kind == "ASSET_MATERIALIZATION":
            metadata = event.event_specific_data.materialization.metadata
            rows = metadata.get("rows_inserted")
            if rows is not None:
                # a range run records one materialization per partition, each with the load's
                # metadata: the load's count once, not once per partition
                self.rows[step] = int(rows.value)
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED"):
            self.done += 1
            seconds = time.perf_counter() - self.started.get(step, time.perf_counter())
            outcome = {"STEP_SUCCESS": "done", "STEP_FAILURE": "FAILED"}.get(kind, "skipped")
            rows = f", {self.rows[step]:,} rows loaded" if step in self.rows else ""
            print(
                f"crw: [{self.done}/{self.total_steps}] {step} {outcome}{rows} ({seconds:.1f}s)",
                file=self.stream,
                flush=True,
            )


@dg.logger(
    config_schema={"total_steps": dg.Field(int, default_value=0)},
    description="One terminal line per finished step: [done/total], rows loaded, seconds.",
)
def progress_logger(init_context: dg.InitLoggerContext) -> logging.Logger:
    logger = logging.getLogger(f"crw.progress.{id(init_context)}")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(ProgressHandler(init_context.logger_config["total_steps"]))
    return logger
