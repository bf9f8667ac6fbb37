"""``crw``: the commands people run.

crw run  [--start D --end D]   the whole pipeline (sample mode: the bundled 2024-01-01..2025-11-15)
crw ui                         the Dagster UI on the same warehouse and run history
crw dbt  ARGS...               dbt with the warehouse path set (e.g. ``crw dbt docs generate``)
crw sql  [QUERY]               read-only SQL on the BI copy of the marts
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from warehouse.settings import PROJECT_DIR, Settings

DAGSTER_YAML = """\
# Written by `crw` on first use. DuckDB allows one writer: every asset that writes it is in
# the `duckdb_writer` pool, and every pool is limited to one step at a time.
concurrency:
  pools:
    default_limit: 1
python_logs:
  managed_python_loggers: [crw]
  python_log_level: INFO
telemetry:
  enabled: false
# Dagster's consolidated SQLite event log with a pooled connection (orchestration/event_storage.py):
# a backfill records one event per daily partition, and the stock storage opens a connection
# for each.
event_log_storage:
  module: orchestration.event_storage
  class: PooledSqliteEventLogStorage
  config:
    base_dir:
      env: DAGSTER_HOME
"""


def quiet_dagster_warnings() -> None:
    """Beta/preview notices (e.g. on backfill_policy) are for library authors, not operators."""
    import warnings

    import dagster as dg

    for category in (dg.BetaWarning, dg.PreviewWarning):
        warnings.filterwarnings("ignore", category=category)


def prepare_environment(settings: Settings) -> None:
    """Export what child processes (dbt, dagster dev) need, and the persistent Dagster home,
    so runs started here appear in the UI."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or config.read_text() != DAGSTER_YAML:
        config.write_text(DAGSTER_YAML)
    os.environ.update(settings.dbt_env())
    os.environ["DAGSTER_HOME"] = str(home)
    quiet_dagster_warnings()
    os.environ.setdefault("CRW_SOURCE_MODE", settings.source_mode)


def _manifest_is_fresh(dbt_dir: Path) -> bool:
    manifest = dbt_dir / "target" / "manifest.json"
    if not manifest.exists():
        return False
    built = manifest.stat().st_mtime
    sources = [dbt_dir / "dbt_project.yml", dbt_dir / "profiles.yml"]
    for folder in ("models", "macros", "tests", "snapshots", "seeds"):
        sources.extend(p for p in (dbt_dir / folder).rglob("*") if p.is_file())
    return all(p.stat().st_mtime <= built for p in sources if p.exists())


def prepare_dbt(*, force: bool = False) -> None:
    """Compile the dbt manifest the Dagster definitions are built from (``dbt parse``),
    unless it is newer than every file of the dbt project."""
    from orchestration.resources import DBT_PROJECT_DIR, dbt_cli_resource

    if not force and _manifest_is_fresh(DBT_PROJECT_DIR):
        return
    dbt_cli_resource().cli(["parse"], target_path=DBT_PROJECT_DIR / "target").wait()


def default_window(settings: Settings) -> tuple[date, date]:
    if settings.source_mode == "sample":
        from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START

        return date.fromisoformat(SAMPLE_START), date.fromisoformat(SAMPLE_END)
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    return yesterday, yesterday


def run_pipeline(settings: Settings, start: date, end: date, *, quiet: bool = False) -> list:
    """Run the pipeline for [start, end] in the persistent instance: one ``daily_pipeline`` run
    for a single day, or ``raw_ingest`` (one single-run range) then ``transform`` for a range.
    Returns the runs' results; stops after the first failure."""
    import dagster as dg

    from orchestration.definitions import defs

    config = {"loggers": {"console": {"config": {"log_level": "WARNING" if quiet else "INFO"}}}}
    tags = {"crw/started_by": "crw run"}
    if start == end:
        plan = [("daily_pipeline", {"dagster/partition": start.isoformat()})]
    else:
        plan = [
            (
                "raw_ingest",
                {
                    "dagster/asset_partition_range_start": start.isoformat(),
                    "dagster/asset_partition_range_end": end.isoformat(),
                },
            ),
            ("transform", {}),
        ]
    results = []
    with dg.DagsterInstance.get() as instance:
        for job_name, run_tags in plan:
            print(f"crw: {job_name} ...", flush=True)
            job = defs.resolve_job_def(job_name)
            partition_key = run_tags.pop("dagster/partition", None)
            result = job.execute_in_process(
                instance=instance,
                tags={**tags, **run_tags},
                run_config=config,
                raise_on_error=False,
                partition_key=partition_key,
            )
            results.append(result)
            if not result.success:
                break
    return results


def _headline(settings: Settings) -> list[str]:
    from brief.headline import headline
    from warehouse.brief_queries import headline_rows
    from warehouse.connection import connection

    with connection(settings.duckdb_path, read_only=True) as conn:
        return [f"  {line}" for line in headline(headline_rows(conn))]


def cmd_run(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    start, end = default_window(settings)
    start = args.start or start
    end = args.end or end
    prepare_environment(settings)
    print(f"crw: {settings.source_mode} mode, window {start}..{end}")
    print(f"crw: warehouse {settings.duckdb_path}")
    t0 = time.perf_counter()
    print("crw: compiling dbt manifest ...", flush=True)
    prepare_dbt()
    results = run_pipeline(settings, start, end, quiet=args.quiet)
    elapsed = time.perf_counter() - t0
    failed = [r for r in results if not r.success]
    if failed:
        result = failed[0]
        print(
            f"crw: run {result.run_id} ({result.job_def.name}) FAILED after {elapsed:.1f}s",
            file=sys.stderr,
        )
        for event in result.all_events:
            if event.event_type_value == "STEP_FAILURE":
                error = event.event_specific_data.error if event.event_specific_data else None
                print(
                    f"  step {event.step_key}: {error.message.strip() if error else 'failed'}",
                    file=sys.stderr,
                )
        print("  details: `crw ui`, then Runs", file=sys.stderr)
        return 1
    runs = ", ".join(f"{r.job_def.name} {r.run_id[:8]}" for r in results)
    print(f"crw: runs {runs} succeeded in {elapsed:.1f}s")
    print(f"crw: warehouse  {settings.duckdb_path}")
    for line in _outputs(settings):
        print(line)
    for line in _headline(settings):
        print(line)
    return 0


def _outputs(settings: Settings) -> list[str]:
    lines = []
    bi = settings.bi_dir / "marts.duckdb"
    if bi.exists():
        lines.append(f"crw: BI copy    {bi} (+ Parquet in {settings.bi_dir / 'parquet'})")
    report = settings.reports_dir / "risk_brief.html"
    if report.exists():
        lines.append(f"crw: report     {report}")
    return lines


def cmd_ui(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    prepare_environment(settings)
    prepare_dbt()
    command = [
        str(Path(sys.executable).with_name("dagster")),
        "dev",
        "-w",
        str(PROJECT_DIR / "workspace.yaml"),
        "-h",
        args.host,
        "-p",
        str(args.port),
    ]
    print(
        f"crw: Dagster UI on http://{args.host}:{args.port} (DAGSTER_HOME={settings.dagster_home})"
    )
    return subprocess.call(command, cwd=PROJECT_DIR)


def cmd_dbt(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    prepare_environment(settings)
    dbt_dir = PROJECT_DIR / "dbt_project"
    command = [str(Path(sys.executable).with_name("dbt")), *args.dbt_args]
    command += ["--project-dir", str(dbt_dir), "--profiles-dir", str(dbt_dir)]
    return subprocess.call(command, cwd=dbt_dir)


def cmd_sql(args: argparse.Namespace) -> int:
    """Read-only SQL on the BI copy: one query from the command line, or a small prompt."""
    from warehouse.publish import BI_FILE, connect_bi_readonly

    settings = Settings.from_env()
    try:
        conn = connect_bi_readonly(settings.bi_dir / BI_FILE)
    except FileNotFoundError as exc:
        print(f"crw: {exc}", file=sys.stderr)
        return 2
    if args.query:
        return _run_sql(conn, " ".join(args.query))
    print(
        f"crw sql: read-only on {settings.bi_dir / BI_FILE}; tables: "
        + ", ".join(t for (t,) in conn.execute("show tables").fetchall())
    )
    print("end statements with ';', Ctrl-D to quit")
    buffer: list[str] = []
    while True:
        try:
            line = input("crw> " if not buffer else "...> ")
        except EOFError:
            print()
            return 0
        buffer.append(line)
        if line.rstrip().endswith(";"):
            _run_sql(conn, "\n".join(buffer))
            buffer = []


def _run_sql(conn, query: str) -> int:
    import duckdb

    try:
        relation = conn.sql(query)
        if relation is not None:
            relation.show(max_rows=50)
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="crw", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the whole pipeline")
    run.add_argument("--start", type=date.fromisoformat, help="first UTC day (YYYY-MM-DD)")
    run.add_argument("--end", type=date.fromisoformat, help="last UTC day (YYYY-MM-DD)")
    run.add_argument("--quiet", action="store_true", help="only warnings and the summary")
    run.set_defaults(func=cmd_run)
    ui = sub.add_parser("ui", help="open the Dagster UI on the same warehouse")
    ui.add_argument("--host", default="127.0.0.1")
    ui.add_argument("--port", type=int, default=3000)
    ui.set_defaults(func=cmd_ui)
    dbt = sub.add_parser("dbt", help="run dbt against the warehouse")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER)
    dbt.set_defaults(func=cmd_dbt)
    sql = sub.add_parser("sql", help="read-only SQL on the BI copy of the marts")
    sql.add_argument("query", nargs="*", help="a query; without one, an interactive prompt")
    sql.set_defaults(func=cmd_sql)
    args = parser.parse_args(argv)
    from warehouse.connection import WarehouseBusyError
    from warehouse.settings import SettingsError

    try:
        return args.func(args)
    except (SettingsError, WarehouseBusyError) as exc:
        print(f"crw: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
