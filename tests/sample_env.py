"""Running the pipeline from tests: point the CRW_* variables and DAGSTER_HOME at a data dir
for the duration of a block, and read step failures out of run results."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from warehouse.settings import Settings

CRW_VARIABLES = (
    "CRW_SOURCE_MODE",
    "CRW_DATA_DIR",
    "CRW_DUCKDB_PATH",
    "DAGSTER_HOME",
    "CRW_LAKE_DIR",
    "CRW_ENGINE",
    "CRW_SPARK_MASTER",
    "CRW_UNIVERSE_FILE",
)


@contextmanager
def sample_environment(data_dir: Path) -> Iterator[Settings]:
    """Sample mode on ``data_dir`` inside the block; the environment is restored afterwards
    (runs.prepare_environment exports variables that must not leak into other tests)."""
    saved = {k: os.environ.get(k) for k in CRW_VARIABLES}
    os.environ["CRW_SOURCE_MODE"] = "sample"
    os.environ["CRW_DATA_DIR"] = str(data_dir)
    os.environ.pop("CRW_DUCKDB_PATH", None)
    os.environ.pop("CRW_LAKE_DIR", None)
    try:
        yield Settings.from_env()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def step_failures(results: Sequence) -> list[str]:
    return [
        f"{e.step_key}: {e.event_specific_data.error.message[:2000]}"
        for result in results
        for e in result.all_events
        if e.event_type_value == "STEP_FAILURE"
    ]
