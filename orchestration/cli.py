"""``crw``: the commands people run (argument parsing and output; the work is elsewhere).

crw run  [--start D --end D]   the whole pipeline (sample mode: the bundled 2024-01-01..2025-11-15)
         [--full-refresh]      dbt rebuilds every model over all history (default: incremental)
         [--all-tests]         every dbt test, also on an incremental build (default: its tier)
         [--engine E]          transform on duckdb or spark (default: CRW_ENGINE, else duckdb)
crw ui                         the Dagster UI on the same warehouse and run history
crw dbt  ARGS...               dbt with the warehouse path set (e.g. ``crw dbt docs generate``)
crw sql  [QUERY]               read-only SQL on the BI copy of the marts
crw asof TIMESTAMP             the pulse, alerts and ETF flows as known at a past time (UTC)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import UTC, date, datetime

from orchestration import bi_commands, fast_exit
from warehouse.connection import WarehouseBusyError
from warehouse.settings import ENGINES, Settings, SettingsError


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration import runs

    settings = runs.for_engine(settings, args.engine)  # exported to the run's processes
    start, end = runs.default_window(settings)
    start, end = args.start or start, args.end or end
    if start > end:
        print(f"crw: the window is empty: --start {start} is after --end {end}", file=sys.stderr)
        return 2
    print(f"crw: {settings.source_mode} mode, window {start}..{end}")
    print(f"crw: warehouse {settings.duckdb_path}")
    t0, started = time.perf_counter(), datetime.now(UTC)
    runs.prepare_environment(settings)
    runs.prepare_dbt()
    flags = {"quiet": args.quiet, "full_refresh": args.full_refresh, "all_tests": args.all_tests}
    results = runs.run_pipeline(settings, start, end, **flags)
    elapsed = time.perf_counter() - t0
    failed = [r for r in results if not r.success]
    partial = runs.failed_inputs(settings, started)
    if failed:
        print(f"crw: FAILED after {elapsed:.1f}s, engine {settings.engine}", file=sys.stderr)
        print("\n".join([*runs.failure_summary(failed[0]), *partial]), file=sys.stderr)
        return 1
    print(runs.success_line(results, elapsed, settings))
    print("\n".join([*runs.outputs(settings), *partial]))
    return 1 if partial else 0  # a partial day (some inputs failed): a scheduler alerts too


def cmd_ui(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration import runs, ui

    runs.prepare_environment(settings)
    print(
        f"crw: Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={settings.dagster_home})"
    )
    return ui.serve(settings, args.host, args.port)


def cmd_dbt(args: argparse.Namespace, settings: Settings) -> int:
    from orchestration.dbt_project import DBT_EXECUTABLE, DBT_PROJECT_DIR

    command = [DBT_EXECUTABLE, *args.dbt_args]
    command += ["--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR)]
    return subprocess.call(command, cwd=DBT_PROJECT_DIR, env=settings.child_env())


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="crw", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = root.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the whole pipeline")
    run.add_argument("--start", type=date.fromisoformat, help="first UTC day (YYYY-MM-DD)")
    run.add_argument("--end", type=date.fromisoformat, help="last UTC day (YYYY-MM-DD)")
    run.add_argument("--quiet", action="store_true", help="only warnings, progress and summary")
    run.add_argument(
        "--full-refresh",
        action="store_true",
        help="rebuild every dbt model over all history instead of only the changed days",
    )
    run.add_argument("--all-tests", action="store_true", help="every dbt test on any build")
    run.add_argument("--engine", choices=ENGINES, help="transform engine (default: CRW_ENGINE)")
    run.set_defaults(func=cmd_run)
    ui = sub.add_parser("ui", help="open the Dagster UI on the same warehouse")
    ui.add_argument("--host", default="127.0.0.1")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)
    dbt = sub.add_parser("dbt", help="run dbt against the warehouse")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER)
    dbt.set_defaults(func=cmd_dbt)
    bi_commands.add_parsers(sub)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args, Settings.from_env())
    except (SettingsError, WarehouseBusyError) as exc:
        print(f"crw: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("crw: interrupted; the run is marked failed", file=sys.stderr)
        return 130


def entry() -> None:
    """The ``crw`` console script; an exception that escapes ``main`` exits the ordinary way."""
    fast_exit.exit_without_teardown(main())


if __name__ == "__main__":
    entry()
