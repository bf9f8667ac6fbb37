"""A small read-only SQL prompt on the BI copy (``crw sql``): statements end with ``;``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TextIO

import duckdb


def run_query(conn: duckdb.DuckDBPyConnection, query: str, *, err: TextIO = sys.stderr) -> int:
    """Print the result (up to 50 rows); 0 on success, 1 with the error on stderr."""
    try:
        relation = conn.sql(query)
        if relation is not None:
            relation.show(max_rows=50)
    except duckdb.Error as exc:
        print(f"error: {exc}", file=err)
        return 1
    return 0


def prompt(conn: duckdb.DuckDBPyConnection, read: Callable[[str], str] = input) -> int:
    """Read statements until end of input; each runs when a line ends with ``;``."""
    buffer: list[str] = []
    while True:
        try:
            line = read("crw> " if not buffer else "...> ")
        except EOFError:
            print()
            return 0
        buffer.append(line)
        if line.rstrip().endswith(";"):
            run_query(conn, "\n".join(buffer))
            buffer = []
