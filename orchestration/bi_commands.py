"""The ``crw`` commands that read the BI copy (never the writer's file):

crw sql  [QUERY]      read-only SQL on the BI copy of the marts
crw asof TIMESTAMP    the pulse, alerts and ETF flows as the warehouse knew them then (UTC)
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

import duckdb

from warehouse.settings import Settings


def _open_bi(settings: Settings) -> duckdb.DuckDBPyConnection | None:
    from warehouse.publish import BI_FILE, connect_bi_readonly

    try:
        return connect_bi_readonly(settings.bi_dir / BI_FILE)
    except FileNotFoundError as exc:
        print(f"crw: {exc}", file=sys.stderr)
        return None


def cmd_sql(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse import shell
    from warehouse.publish import BI_FILE

    conn = _open_bi(settings)
    if conn is None:
        return 2
    if args.query:
        return shell.run_query(conn, " ".join(args.query))
    tables = ", ".join(t for (t,) in conn.execute("show tables").fetchall())
    print(f"crw sql: read-only on {settings.bi_dir / BI_FILE}; tables: {tables}")
    print("end statements with ';', Ctrl-D to quit")
    return shell.prompt(conn)


def cmd_asof(args: argparse.Namespace, settings: Settings) -> int:
    from warehouse import asof

    conn = _open_bi(settings)
    if conn is None:
        return 2
    try:
        print("\n".join(asof.report(conn, args.timestamp)))
    except duckdb.CatalogException as exc:
        print(f"crw: the BI copy has no as-of macros ({exc}); run the pipeline", file=sys.stderr)
        return 2
    finally:
        conn.close()
    return 0


def timestamp(text: str) -> datetime:
    """``2025-09-03``, ``2025-09-03T20:00`` or ``2025-09-03 20:00``, read as UTC."""
    try:
        return datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a timestamp: {text!r}") from exc


def add_parsers(sub: argparse._SubParsersAction) -> None:
    sql = sub.add_parser("sql", help="read-only SQL on the BI copy of the marts")
    sql.add_argument("query", nargs="*", help="a query; without one, an interactive prompt")
    sql.set_defaults(func=cmd_sql)
    asof = sub.add_parser("asof", help="the pulse, alerts and ETF flows as known at a time")
    asof.add_argument("timestamp", type=timestamp, help="UTC, e.g. '2025-09-03 20:00'")
    asof.set_defaults(func=cmd_asof)
