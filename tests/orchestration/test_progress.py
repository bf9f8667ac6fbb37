"""The terminal progress lines: one per finished step, with the load's row count once."""

from __future__ import annotations

import io
import logging
from types import SimpleNamespace

from orchestration.progress import ProgressHandler


def event(kind: str, step: str, rows: int | None = None) -> logging.LogRecord:
    data = None
    if rows is not None:
        metadata = {"rows_inserted": SimpleNamespace(value=rows)}
        data = SimpleNamespace(materialization=SimpleNamespace(metadata=metadata))
    dagster_event = SimpleNamespace(event_type_value=kind, step_key=step, event_specific_data=data)
    record = logging.LogRecord("crw", logging.INFO, "", 0, kind, None, None)
    record.dagster_meta = {"dagster_event": dagster_event}
    return record


def test_a_range_run_counts_its_load_once_not_once_per_partition() -> None:
    out = io.StringIO()
    handler = ProgressHandler(total_steps=2, stream=out)
    handler.emit(event("STEP_START", "binance__spot_klines"))
    for _partition in range(685):  # one materialization per partition, same load metadata
        handler.emit(event("ASSET_MATERIALIZATION", "binance__spot_klines", rows=3425))
    handler.emit(event("STEP_SUCCESS", "binance__spot_klines"))
    handler.emit(event("STEP_START", "dbt_models"))
    handler.emit(event("STEP_FAILURE", "dbt_models"))
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("crw: [1/2] binance__spot_klines done, 3,425 rows loaded (")
    assert lines[1].startswith("crw: [2/2] dbt_models FAILED (")
    assert len(lines) == 2
