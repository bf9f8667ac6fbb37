"""Launching pipeline runs in the persistent Dagster instance, shared by the ``crw`` CLI, the
tests and the benchmark.

A single day runs as one ``daily_pipeline`` run. A range runs as ``raw_ingest`` (the
partitioned raw assets as one single-run backfill of the range, Dagster's own range tags) and
then ``transform`` (dbt, the BI copy and the brief, unpartitioned): one job over a long range
would make Dagster plan every dbt test once per partition.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import socket
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import dagster as dg

from orchestration.progress import progress_logger
from warehouse.settings import Settings

INSTANCE_CONFIG = Path(__file__).with_name("dagster.yaml")
PID_TAG, HOST_TAG = "crw/pid", "crw/host"
HOST = socket.gethostname()
UNFINISHED = [
    dg.DagsterRunStatus.STARTING,
    dg.DagsterRunStatus.STARTED,
    dg.DagsterRunStatus.CANCELING,
]


@dataclass(frozen=True)
class PlannedRun:
    job_name: str
    partition_key: str | None = None
    range_start: str | None = None
    range_end: str | None = None

    @property
    def tags(self) -> dict[str, str]:
        # Which process runs it, so the next `crw run` can tell a run whose process died.
        tags = {"crw/started_by": "crw run", PID_TAG: str(os.getpid()), HOST_TAG: HOST}
        if self.range_start and self.range_end:
            # Dagster's own tags for a single-run backfill of a partition range.
            tags["dagster/asset_partition_range_start"] = self.range_start
            tags["dagster/asset_partition_range_end"] = self.range_end
        return tags


def quiet_dagster_warnings() -> None:
    """Beta/preview notices (e.g. on backfill_policy) are for library authors, not operators."""
    for category in (dg.BetaWarning, dg.PreviewWarning):
        warnings.filterwarnings("ignore", category=category)


def prepare_environment(settings: Settings) -> None:
    """The data dir and Dagster home with the project's instance config (a checked-in file),
    and this process's environment pointed at them, so runs started here appear in the UI."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    settings.dagster_home.mkdir(parents=True, exist_ok=True)
    installed = settings.dagster_home / "dagster.yaml"
    if not installed.exists() or installed.read_bytes() != INSTANCE_CONFIG.read_bytes():
        shutil.copyfile(INSTANCE_CONFIG, installed)
    settings.export()
    quiet_dagster_warnings()


def prepare_dbt(*, force: bool = False) -> None:
    """The dbt manifest the definitions are built from. As with a deployed dagster-dbt
    project, it is made at build time (``make`` runs ``dagster-dbt project prepare-and-package``
    when a dbt file changes; ``dagster dev`` re-parses on load); here it is made only if it is
    missing or older than a dbt file (an edited model, then ``crw run``), so a run does not pay
    a parse it does not need."""
    from orchestration import dbt_project

    if force or dbt_project.manifest_is_stale():
        print("crw: the dbt manifest is missing or older than a dbt file: dbt parse ...")
        dbt_project.prepare()


def for_engine(settings: Settings, engine: str | None) -> Settings:
    """The settings of one ``crw run --engine``: the flag wins over CRW_ENGINE for this run
    (``prepare_environment`` exports it, so the run's processes and resources see it)."""
    return dataclasses.replace(settings, engine=engine) if engine else settings


def default_window(settings: Settings) -> tuple[date, date]:
    if settings.source_mode == "sample":
        from ingestion.replay import bundled_sample_dir
        from ingestion.sample.manifest import sample_window

        return sample_window(settings.sample_dir or bundled_sample_dir())
    yesterday = settings.today() - timedelta(days=1)
    return yesterday, yesterday


def plan(start: date, end: date) -> list[PlannedRun]:
    if start == end:
        return [PlannedRun("daily_pipeline", partition_key=start.isoformat())]
    return [
        PlannedRun("raw_ingest", range_start=start.isoformat(), range_end=end.isoformat()),
        PlannedRun("transform"),
    ]


def run_pipeline(
    settings: Settings,
    start: date,
    end: date,
    *,
    quiet: bool = False,
    full_refresh: bool = False,
    all_tests: bool = False,
) -> list[dg.ExecuteInProcessResult]:
    """Run the pipeline for [start, end] in the persistent instance (``prepare_environment``
    first). Returns the runs' results; stops after the first failure. ``full_refresh``: dbt
    rebuilds every model over all history instead of the incremental window; ``all_tests``: an
    incremental build runs every dbt test too, not only its tier. Each run is tagged with the
    transform engine (``settings.engine``)."""
    from orchestration.definitions import defs

    results = []
    with dg.DagsterInstance.get() as instance, sigterm_as_interrupt():
        for run_id in recover_interrupted_runs(instance):
            print(f"crw: recovered from interrupted run {run_id}: marked failed, pool slot freed")
        for run_id in free_slots_of_finished_runs(instance):
            print(f"crw: freed the pool slot still held by finished run {run_id}")
        for planned in plan(start, end):
            print(f"crw: {planned.job_name} ...", flush=True)
            job = defs.resolve_job_def(planned.job_name)
            job = job.with_logger_defs({**job.loggers, "progress": progress_logger})
            run_config = {
                "loggers": {
                    "console": {"config": {"log_level": "WARNING" if quiet else "INFO"}},
                    "progress": {"config": {"total_steps": len(job.graph.nodes)}},
                }
            }
            result = job.execute_in_process(
                instance=instance,
                tags=run_tags(planned, settings, full_refresh=full_refresh, all_tests=all_tests),
                run_config=run_config,
                raise_on_error=False,
                partition_key=planned.partition_key,
            )
            results.append(result)
            if not result.success:
                break
    return results


def run_tags(
    planned: PlannedRun, settings: Settings, *, full_refresh: bool, all_tests: bool = False
) -> dict[str, str]:
    """The run's tags: who started it, its partition range, the transform engine (shown in
    the UI, and read by the dbt step), ``--full-refresh`` and ``--all-tests``."""
    from orchestration.assets.dbt import ALL_TESTS_TAG, ENGINE_TAG, FULL_REFRESH_TAG

    tags = {**planned.tags, ENGINE_TAG: settings.engine}
    tags |= {FULL_REFRESH_TAG: "true"} if full_refresh else {}
    return tags | ({ALL_TESTS_TAG: "true"} if all_tests else {})


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a scheduler or systemd stopping us) ends a run as Ctrl-C does: Dagster turns it
    into an interrupted step, dagster-dbt passes it on to its dbt process, and the run is
    marked finished, so neither a dbt process nor a pool slot outlives ``crw run``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def recover_interrupted_runs(instance: dg.DagsterInstance) -> list[str]:
    """Runs that ``crw run`` started on this host whose process is gone (SIGKILL, OOM, reboot)
    still say STARTED and hold their ``duckdb_writer`` pool slot, so the next run would wait
    for it forever. Mark them failed and free their slots; returns their ids."""
    recovered = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=UNFINISHED)):
        pid, host = run.tags.get(PID_TAG), run.tags.get(HOST_TAG)
        if pid is None or host != HOST or int(pid) == os.getpid() or _process_alive(int(pid)):
            continue
        instance.report_run_failed(run, f"the crw run process (pid {pid}) is gone")
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        recovered.append(run.run_id)
    return recovered


def free_slots_of_finished_runs(instance: dg.DagsterInstance) -> list[str]:
    """A run can end (failed) while its step's pool slot is still claimed, e.g. when its
    process died between the step's failure and the slot's release (a closed stdout pipe did
    it once). Nothing would ever free that slot and every later run would wait for it: free
    the slots whose run has finished; returns those runs' ids."""
    storage = instance.event_log_storage
    freed = []
    for pool in storage.get_concurrency_keys():
        for slot in storage.get_concurrency_info(pool).claimed_slots:
            run = instance.get_run_by_id(slot.run_id)
            if (run is None or run.is_finished) and slot.run_id not in freed:
                storage.free_concurrency_slots_for_run(slot.run_id)
                freed.append(slot.run_id)
    return freed


def success_line(
    results: list[dg.ExecuteInProcessResult], elapsed: float, settings: Settings
) -> str:
    runs = ", ".join(f"{r.job_def.name} {r.run_id[:8]}" for r in results)
    return f"crw: runs {runs} succeeded in {elapsed:.1f}s, engine {settings.engine}"


def failure_summary(result: dg.ExecuteInProcessResult) -> list[str]:
    """What a failed run prints: the run, each failed step with its error, where to look."""
    lines = [f"crw: run {result.run_id} ({result.job_def.name}) failed"]
    lines += [f"  step {step}: {message}" for step, message in step_failures(result)]
    return [*lines, "  details: `crw ui`, then Runs"]


SUMMARY_LINES = 15


def failed_inputs(settings: Settings, since: datetime) -> list[str]:
    """The one-screen list of inputs that failed in the loads since ``since`` (the marts were
    built without them): source, series, endpoint, error and landing file; empty if none."""
    from warehouse.connection import connection
    from warehouse.quality import failed_fetches

    if not settings.duckdb_path.exists():
        return []
    with connection(settings.duckdb_path, read_only=True) as conn:
        failed = failed_fetches(conn, since)
    if not failed:
        return []
    lines = [
        f"crw: {len(failed)} input(s) FAILED; the marts and the brief were built without them:"
    ]
    for f in failed[:SUMMARY_LINES]:
        error = f.error.split(" | landing file: ")[0]
        error = error if len(error) <= 240 else error[:240] + "..."
        landing = f" | landing file: {f.landing_path}" if f.landing_path else ""
        lines.append(f"  {f.source} {f.series} {f.endpoint}: {error}{landing}")
    if len(failed) > SUMMARY_LINES:
        lines.append(
            f"  ... and {len(failed) - SUMMARY_LINES} more (meta.fetch_log, outcome 'error')"
        )
    return [*lines, "  a second run fills the gaps once the source answers again"]


def outputs(settings: Settings) -> list[str]:
    """Where the warehouse, the BI copy and the report are, then the headline figures."""
    from brief.headline import headline
    from warehouse.brief_queries import headline_rows
    from warehouse.connection import connection
    from warehouse.publish import BI_FILE

    lines = [f"crw: warehouse  {settings.duckdb_path}"]
    if (bi := settings.bi_dir / BI_FILE).exists():
        lines.append(f"crw: BI copy    {bi} (+ Parquet in {settings.bi_dir / 'parquet'})")
    if (report := settings.reports_dir / "risk_brief.html").exists():
        lines.append(f"crw: report     {report}")
    with connection(settings.duckdb_path, read_only=True) as conn:
        lines += [f"  {line}" for line in headline(headline_rows(conn))]
    return lines


def step_failures(result: dg.ExecuteInProcessResult) -> list[tuple[str, str]]:
    """(step, first line of the error) for every failed step of a run."""
    failures = []
    for event in result.all_events:
        if event.event_type_value == "STEP_FAILURE":
            error = event.event_specific_data.error if event.event_specific_data else None
            failures.append((event.step_key or "?", error.message.strip() if error else "failed"))
    return failures
