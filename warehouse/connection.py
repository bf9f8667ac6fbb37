"""The only place that opens DuckDB."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

SCHEMAS = ("meta", "staging", "intermediate", "marts")


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file. DuckDB allows one writer process; readers should use the BI
    copy (see publish.py), not this file."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": True}
    return duckdb.connect(str(path), read_only=read_only, config=config)


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
