"""The only place that opens DuckDB."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

SCHEMAS = ("meta", "staging", "intermediate", "marts")
_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": True}
# How long a lock wait that ran out makes later opens of the same file fail fast.
BUSY_MEMORY_S = 300.0
_busy_until: dict[str, float] = {}


class WarehouseBusyError(RuntimeError):
    """Another process holds the DuckDB file (one writer at a time)."""


def connect(
    path: Path, *, read_only: bool = False, wait_s: float = 15.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file. DuckDB allows one writer process; readers should use the BI
    copy (see publish.py), not this file. A lock held by another process is waited for up to
    ``wait_s`` (a run finishing, a dbt subprocess exiting), then reported with its holder."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    key = str(path.resolve())
    # Once a wait has run out in this process, the next steps of the same run try once and fail
    # at once instead of each waiting again (a reader left open would cost minutes per run).
    if time.monotonic() < _busy_until.get(key, 0.0):
        wait_s = 0.0
    deadline = time.monotonic() + wait_s
    delay = 0.1
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                _busy_until[key] = time.monotonic() + BUSY_MEMORY_S
                raise WarehouseBusyError(
                    f"{path} is locked by another process after waiting {wait_s:.0f}s: {exc}. "
                    "Close other DuckDB sessions on the warehouse file (use the BI copy for "
                    "queries) or wait for the running job to finish."
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
        else:
            _busy_until.pop(key, None)
            return conn


@contextmanager
def connection(path: Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = connect(path, read_only=read_only)
    try:
        yield conn
    finally:
        conn.close()


def connect_memory() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB, for work that ATTACHes files (e.g. copying marts to the BI file)."""
    return duckdb.connect(":memory:", config={"autoinstall_known_extensions": False})
