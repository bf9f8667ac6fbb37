"""Benchmark: the full run and the one-day run, each as a whole `crw run` process, at 1x, 10x
and 100x the bundled sample, against a floor measured in this same script: the same
fetch/land/parse/load code (orchestration.ingest, no Dagster) and the same dbt-compiled SQL
executed directly with duckdb (no dbt, no Dagster), in a fresh process each.

Per scale: the full run of the history up to the day before the sample's last day, then the
one-day run of that last day (2025-11-15), as the schedule runs it. Also: the cost of importing
the stack in a fresh process (the one-day run at 1x is judged against it), the peak memory of
each `crw run` process tree (dbt's subprocess included), the one-day run's breakdown (process
start to first step, ingestion, before dbt, dbt, BI copy + brief, after the last step), and the
one-day run after 2 vs 8 years of history at one scale (the same sample, its full run started
on 2023-11-15 instead of 2018-01-01). At 1x, also dbt's own day, a lower bound of the
one-day run: a fresh process that imports the stack and runs the dbt asset's build of the day
in process (no fetch, no Dagster run, no BI), with the day's tests, with its models only, and
with nothing to build (the import, the window and dbt's start and parse); and the frame
(bench/frame.py), what any run on this stack with the marts' key tests costs before its own
work. The scaled samples
are generated first
(tools.scale, untimed) into a cache dir and reused. Prints a table; writes
bench/results/latest.json.

``--spark`` adds an informational figure, the transform on Spark vs DuckDB: the whole sample
window as one `crw run --engine spark` process and one `crw run --engine duckdb` process, each
with its dbt step's time from the run's event log (on Spark the step also writes the raw lake
and loads the tables back into DuckDB, and dbt's time includes the Spark session's start).
One machine is DuckDB's home ground; the figure says what the Spark path costs here, not what
a cluster does. ``--spark-only`` measures only that.

    python bench/pipeline.py [--quick | --scales 1,10,100] [--repeat N] [--cache DIR]
                             [--spark | --spark-only]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
CRW = Path(sys.executable).with_name("crw")
LAST_DAY = date(2025, 11, 15)
SHORT_HISTORY_START = date(2023, 11, 15)
IMPORT_STACK = "import dagster, dagster_dbt, duckdb, polars"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "crw-bench-samples"
SCALE_SEED = 20180101

from bench.frame import frame_seconds  # noqa: E402  (after PROJECT is on the path)

# ---------------------------------------------------------------- processes and memory


def _children(pid: int) -> list[int]:
    """Every descendant of ``pid`` (Linux /proc), so dbt's subprocess is counted."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rss_bytes(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class TreeMemory:
    """Polls the summed RSS of a process and its descendants (every 0.1 s) and keeps the peak:
    `crw run` and its dbt subprocess are resident at the same time, which the kernel's
    per-process ru_maxrss cannot add up."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._stop.is_set():
            if Path("/proc").is_dir():
                tree = [self.pid, *_children(self.pid)]
                self.peak = max(self.peak, sum(_rss_bytes(p) for p in tree))
            self._stop.wait(0.1)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


@dataclass
class ProcessRun:
    seconds: float
    peak_rss_mib: float  # the process tree's summed RSS, polled
    max_child_rss_mib: float  # the kernel's ru_maxrss of the largest process (lower bound)
    lines: list[tuple[float, str]] = field(default_factory=list)  # (seconds since start, line)
    started_at: float = 0.0  # epoch seconds, to place the run's Dagster events


def run_process(args: list[str], env: dict[str, str]) -> ProcessRun:
    """Run a whole process, stamping each stdout line on arrival; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started_at = time.time()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        args,
        env=env,
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    memory = TreeMemory(proc.pid)
    stderr: list[str] = []
    drain = threading.Thread(target=lambda: stderr.extend(proc.stderr), daemon=True)  # type: ignore[arg-type]
    drain.start()
    lines = [(time.perf_counter() - t0, line.rstrip("\n")) for line in proc.stdout]  # type: ignore[union-attr]
    proc.wait()
    elapsed = time.perf_counter() - t0
    drain.join()
    peak = memory.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        sys.exit(
            f"benchmark run failed ({proc.returncode}): {' '.join(args)}\n"
            + "\n".join(line for _, line in lines[-40:])
            + "\n"
            + "".join(stderr[-60:])
        )
    return ProcessRun(
        seconds=elapsed,
        peak_rss_mib=round(peak / 2**20, 1),
        # ru_maxrss only rises: a run smaller than an earlier one reports the earlier peak
        max_child_rss_mib=round(max(before, after) / 1024, 1),
        lines=lines,
        started_at=started_at,
    )


def breakdown(run: ProcessRun) -> dict[str, float]:
    """The run's phases from its progress lines (`crw: [i/n] <step> done ... (Xs)`), each
    stamped when it arrived: a step started its own seconds before its line."""
    steps = []
    for arrived, line in run.lines:
        if not line.startswith("crw: [") or "] " not in line or not line.endswith("s)"):
            continue
        step = line.split("] ", 1)[1].split(" ", 1)[0]
        seconds = float(line.rsplit("(", 1)[1].rstrip("s)"))
        steps.append((step, arrived - seconds, arrived))
    if not steps:
        return {}

    def span(kind: str) -> tuple[float, float] | None:
        chosen = [(s, e) for step, s, e in steps if _kind(step) == kind]
        return (min(s for s, _ in chosen), max(e for _, e in chosen)) if chosen else None

    first = min(s for _, s, _ in steps)
    ingestion, dbt, bi = span("ingestion"), span("dbt"), span("bi")
    out = {"start_to_first_step": first}
    if ingestion:
        out["ingestion"] = ingestion[1] - ingestion[0]
    if dbt:
        out["pre_dbt"] = dbt[0] - (ingestion[1] if ingestion else first)
        out["dbt"] = dbt[1] - dbt[0]
    if bi:
        out["bi_copy_and_brief"] = bi[1] - bi[0]
    out["after_last_step"] = run.seconds - max(e for _, _, e in steps)
    return {k: round(v, 2) for k, v in out.items()}


def event_breakdown(run: ProcessRun, data_dir: Path) -> dict[str, float]:
    """The one-day run's phases from its Dagster event log (the run's instance under
    ``data_dir``): process start to the first step; ingestion (the steps before dbt's); before
    dbt (from there to the `dbt build` process starting: dagster-dbt's set-up); dbt (that
    process: start, parse, models, tests); BI copy + brief; after the last
    step (summary, exit); ``dbt_events`` is dagster-dbt's handling of dbt's results after the
    dbt process exits. Falls back to the progress lines if the log cannot be read."""
    try:
        import dagster as dg

        home = data_dir / "dagster_home"
        saved = os.environ.get("DAGSTER_HOME")
        os.environ["DAGSTER_HOME"] = str(home)
        try:
            with dg.DagsterInstance.from_config(str(home)) as instance:
                latest = instance.get_runs(limit=1)[0]
                events = instance.all_logs(latest.run_id)
        finally:
            if saved is None:
                os.environ.pop("DAGSTER_HOME", None)
            else:
                os.environ["DAGSTER_HOME"] = saved
    except Exception as exc:  # noqa: BLE001 - a benchmark figure, not a result
        print(f"  (event log unreadable: {exc}; breakdown from progress lines)")
        return breakdown(run)
    starts: dict[str, float] = {}
    ends: dict[str, float] = {}
    dbt_command: list[float] = []  # dagster-dbt's "Running dbt command" / "Finished dbt command"
    for event in events:
        kind = event.dagster_event_type.value if event.dagster_event_type else "LOG"
        step = event.step_key
        if not step:
            continue
        if kind == "STEP_START":
            starts[step] = event.timestamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED"):
            ends[step] = event.timestamp
        elif kind == "LOG" and _kind(step) == "dbt":
            message = event.user_message or ""
            if message.startswith(("Running dbt command", "Finished dbt command")):
                dbt_command.append(event.timestamp)
    if not starts:
        return breakdown(run)
    dbt_start = min((t for s, t in starts.items() if _kind(s) == "dbt"), default=None)
    before_dbt = [
        s
        for s, t in starts.items()
        if _kind(s) == "ingestion" and (dbt_start is None or t < dbt_start)
    ]
    first = min(starts.values())
    out = {"start_to_first_step": first - run.started_at}
    ingestion_end = max((ends.get(s, starts[s]) for s in before_dbt), default=first)
    out["ingestion"] = ingestion_end - first
    if dbt_start is not None:
        dbt_end = max(ends.get(s, starts[s]) for s in starts if _kind(s) == "dbt")
        running, finished = (
            (min(dbt_command), max(dbt_command)) if dbt_command else (dbt_start, dbt_end)
        )
        # before dbt: from the last ingestion step to the dbt process (dagster-dbt's set-up)
        out["pre_dbt"] = running - ingestion_end
        out["dbt"] = finished - running  # the `dbt build` process: start, parse, build, tests
        out["dbt_events"] = dbt_end - finished  # dagster-dbt turning its results into events
    bi = [s for s in starts if _kind(s) == "bi"]
    if bi:
        out["bi_copy_and_brief"] = max(ends.get(s, starts[s]) for s in bi) - min(
            starts[s] for s in bi
        )
    last = max(ends.values(), default=first)
    accounted = sum(out.values())
    out["other_steps"] = (last - run.started_at) - accounted
    out["after_last_step"] = run.seconds - (last - run.started_at)
    return {k: round(v, 2) for k, v in out.items()}


def _kind(step: str) -> str:
    if step.startswith("bi__"):
        return "bi"
    if "dbt" in step:
        return "dbt"
    return "ingestion"


def import_cost(repeat: int) -> float:
    times = []
    for _ in range(max(3, repeat)):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", IMPORT_STACK], check=True, cwd=PROJECT)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# ---------------------------------------------------------------- the floor


def _topological(nodes: dict[str, dict]) -> list[dict]:
    order, done = [], set()

    def visit(uid: str) -> None:
        if uid in done or uid not in nodes:
            return
        done.add(uid)
        for dep in nodes[uid].get("depends_on", {}).get("nodes", []):
            visit(dep)
        order.append(nodes[uid])

    for uid in sorted(nodes):
        visit(uid)
    return order


def dbt_dirs(target: Path) -> list[str]:
    """The project's dbt dirs, with ``target`` for its target path."""
    from orchestration.dbt_project import DBT_PROJECT_DIR as dbt_dir

    return [
        "--project-dir",
        str(dbt_dir),
        "--profiles-dir",
        str(dbt_dir),
        "--target-path",
        str(target),
    ]


def compiled_models(env: dict[str, str], out: Path) -> Path:
    """Compile (untimed); write the models' compiled SQL in dependency order to ``out``."""
    from orchestration.dbt_project import DBT_EXECUTABLE
    from orchestration.dbt_project import DBT_PROJECT_DIR as dbt_dir

    target = Path(tempfile.mkdtemp(prefix="crw-bench-target-"))
    subprocess.run(
        [DBT_EXECUTABLE, "compile", *dbt_dirs(target), "--quiet"],
        env=env,
        cwd=dbt_dir,
        check=True,
        capture_output=True,
    )
    manifest = json.loads((target / "manifest.json").read_text())
    nodes = {
        uid: n for uid, n in manifest["nodes"].items() if n["resource_type"] in ("model", "seed")
    }
    shutil.rmtree(target, ignore_errors=True)
    out.write_text(json.dumps(_topological(nodes)))
    return out


def floor_main(data_dir: Path, start: date, end: date, models_file: Path) -> None:
    """Same ingestion code and same SQL, no orchestration, no dbt; timed from after the
    imports. Prints {"seconds": ..., "ingestion": ...} (the second: its fetch, parse and load
    alone, before the SQL). Run as its own process (``floor`` subcommand), with the
    same CRW_* environment as the `crw run` it is compared to."""
    from orchestration.runs import quiet_dagster_warnings

    quiet_dagster_warnings()
    from ingestion.replay import use_sample_dir
    from orchestration.dbt_project import DBT_PROJECT_DIR as dbt_dir
    from orchestration.definitions import SOURCES
    from orchestration.ingest import ingest_window
    from warehouse.connection import connection
    from warehouse.settings import Settings

    settings = Settings.from_env(overrides={"CRW_DATA_DIR": str(data_dir)})
    models = json.loads(models_file.read_text())
    t0 = time.perf_counter()
    use_sample_dir(settings.sample_dir)
    _load_universe(settings)
    for spec in (spec for source in SOURCES for spec in source.SPECS):
        ingest_window(spec, settings, start, end)
    ingestion = time.perf_counter() - t0
    with connection(settings.duckdb_path) as conn:
        for model in models:
            schema, name = model["schema"], model["alias"] or model["name"]
            conn.execute(f"create schema if not exists {schema}")
            if model["resource_type"] == "seed":
                csv = dbt_dir / model["original_file_path"]
                types = model["config"].get("column_types") or {}
                typed = ", ".join(f"'{column}': '{kind}'" for column, kind in types.items())
                options = f", types = {{{typed}}}" if typed else ""
                conn.execute(
                    f"create or replace table {schema}.{name} as from read_csv('{csv}'{options})"
                )
                continue
            kind = "view" if model["config"]["materialized"] == "view" else "table"
            conn.execute(f"create or replace {kind} {schema}.{name} as {model['compiled_code']}")
    print(json.dumps({"seconds": time.perf_counter() - t0, "ingestion": ingestion}))


def _load_universe(settings) -> None:
    """The universe table the models select their assets from (the `meta/universe` asset's
    work)."""
    from orchestration.assets.universe import configured_universe
    from orchestration.ingest import load_universe_table

    load_universe_table(settings, configured_universe())


def floor_run(
    env: dict[str, str], data_dir: Path, start: date, end: date, models: Path
) -> dict[str, float]:
    args = [sys.executable, __file__, "floor", str(data_dir), str(start), str(end), str(models)]
    run = run_process(args, env)
    return json.loads(run.lines[-1][1])


# ---------------------------------------------------------------- dbt's own day, a lower bound
#
# The one-day run at 1x is judged against the import of the stack (issue 10: at most 3x). What
# dbt alone needs for the day bounds it from below: a fresh process that imports the stack (as
# the import figure does), opens the transform window as the dbt asset does, and runs the asset's
# `dbt build` in process, on a copy of the warehouse after the one-day run with that run's
# transform forgotten (so the window covers the day's loads again). No fetch, no Dagster run, no
# BI copy: `crw run` does all of this and more. Measured with the day's tests, and with none.


def dbt_day_args(settings, target: Path, *, nodes: str) -> list[str]:
    """The dbt asset's command for a day (orchestration.assets.dbt): its build arguments, the
    whole project less the incremental skips, dbt's indirect selection off. ``nodes``: "all"
    (the day's models and tests), "models" (no tests) or "none" (dbt starts, loads the project
    and its partial parse, and finds nothing to build: it stops there, before it connects to
    the warehouse or runs the project's on-run-start hook)."""
    from orchestration.assets.dbt import INCREMENTAL_SKIPS, PIPELINE_EXCLUDES, dbt_build_args

    excludes = [*PIPELINE_EXCLUDES, *INCREMENTAL_SKIPS]
    excludes += {"all": [], "models": ["resource_type:test"], "none": ["fqn:*"]}[nodes]
    return [
        *dbt_build_args(settings),
        "--quiet",
        "--select",
        "fqn:*",
        "--exclude",
        *excludes,
        "--indirect-selection",
        "empty",
        *dbt_dirs(target),
        "--log-path",
        str(target),
    ]


def dbt_day_main(warehouse: Path, project_version: str, args: list[str]) -> None:
    """The bound's process (``dbt-day`` subcommand), timed whole from outside. It ends as
    ``crw`` does, without the interpreter's teardown (orchestration/fast_exit.py), so the bound
    does not pay a cost the run does not."""
    import dagster  # noqa: F401  (the stack, as the import figure imports it)
    import dagster_dbt  # noqa: F401
    import polars  # noqa: F401
    from dbt.cli.main import dbtRunner

    from orchestration.fast_exit import exit_without_teardown
    from warehouse.connection import connection
    from warehouse.transform_window import open_window

    with connection(warehouse) as conn:
        window = open_window(conn, project_version=project_version)
    result = dbtRunner().invoke(args)
    if not result.success:
        print(f"dbt-day: dbt failed: {result.exception or 'a node failed'}", file=sys.stderr)
        exit_without_teardown(1)
    print(json.dumps({"window": window.describe()}))
    exit_without_teardown(0)


def dbt_day_bound(run_dir: Path, work: Path, env: dict[str, str], repeat: int) -> dict:
    """Seconds of the bound's process (medians): the day's models and tests, its models only,
    and nothing to build; after one untimed run that makes dbt's partial parse for this
    warehouse path."""
    from orchestration.assets.dbt import dbt_project_version
    from warehouse.connection import connection
    from warehouse.settings import Settings
    from warehouse.transform_window import forget_last_transform

    work.mkdir(parents=True)
    for name in ("warehouse.duckdb", "warehouse.duckdb.wal"):
        if (run_dir / name).exists():
            shutil.copy2(run_dir / name, work / name)
    env = {**env, "CRW_DATA_DIR": str(work)}
    settings = Settings.from_env(env, overrides={"CRW_DATA_DIR": str(work)})
    with connection(settings.duckdb_path) as conn:
        forget_last_transform(conn)
    version = dbt_project_version(settings.universe_file)

    def timed(nodes: str) -> float:
        args = dbt_day_args(settings, work / "target", nodes=nodes)
        command = [sys.executable, __file__, "dbt-day", str(settings.duckdb_path), version]
        run = run_process([*command, json.dumps(args)], env)
        window = json.loads(run.lines[-1][1])["window"]
        if not window.startswith("incremental from"):
            sys.exit(f"dbt-day: the bound must build the day's window, not: {window}")
        return run.seconds

    timed("all")
    seconds = {nodes: [timed(nodes) for _ in range(max(2, repeat))] for nodes in NODES}
    return {name: round(statistics.median(seconds[nodes]), 2) for nodes, name in NODES.items()}


NODES = {"all": "with_tests", "models": "models_only", "none": "nothing_to_build"}


# ---------------------------------------------------------------- samples and scales


def scaled_sample(cache: Path, factor: int, start: date) -> Path | None:
    """The sample dir of a scale: None (the bundled one) at 1x, else generated once into the
    cache (tools.scale, untimed) and reused while its window and seed match."""
    if factor == 1:
        return None
    from tools.scale.generate import generate, summary

    out = cache / f"{factor}x-{start.isoformat()}-seed{SCALE_SEED}"
    stamp = out / ".complete"
    if not stamp.exists():
        t0 = time.perf_counter()
        rows = generate(out, factor, start=start, seed=SCALE_SEED)
        stamp.write_text(json.dumps(rows))
        print(
            f"generated {out} ({time.perf_counter() - t0:.0f}s, untimed)\n{summary(rows, factor)}"
        )
    return out


def sample_env(base: dict[str, str], data_dir: Path, sample: Path | None) -> dict[str, str]:
    env = {**base, "CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(data_dir)}
    if sample is not None:
        env["CRW_SAMPLE_DIR"] = str(sample)
        env["CRW_UNIVERSE_FILE"] = str(sample / "universe.yml")
    return env


@dataclass
class ScaleResult:
    scale: str
    window: str
    full: float
    full_peak_rss_mib: float
    full_max_child_rss_mib: float
    one_day: float
    one_day_peak_rss_mib: float
    floor_full: float
    floor_one_day: float
    floor_one_day_ingestion: float  # the floor's fetch, parse and load of the day, before its SQL
    breakdown: dict[str, float]
    dbt_day: dict | None = None  # dbt's own day, a lower bound of the one-day run (1x)

    @property
    def full_vs_floor(self) -> float:
        return round(self.full / self.floor_full, 2)

    @property
    def one_day_vs_floor(self) -> float:
        return round(self.one_day / self.floor_one_day, 2)


def measure_scale(
    label: str,
    sample: Path | None,
    base_env: dict[str, str],
    work: Path,
    models: Path,
    repeat: int,
    *,
    with_floor: bool = True,
    history_start: date | None = None,
    bound: bool = False,
) -> ScaleResult:
    from ingestion.replay import bundled_sample_dir
    from ingestion.sample.manifest import sample_window

    start, end = sample_window(sample or bundled_sample_dir())
    start = max(start, history_start or start)
    history_end = end - timedelta(days=1)
    runs: dict[str, list] = {"full": [], "one_day": [], "floor_full": [], "floor_one_day": []}
    dbt_day = None
    phases: list[dict[str, float]] = []
    for i in range(repeat):
        env = sample_env(base_env, work / f"{label}-run{i}", sample)
        full_args = [str(CRW), "run", "--quiet", "--start", str(start), "--end", str(history_end)]
        runs["full"].append(run_process(full_args, env))
        day_args = [str(CRW), "run", "--quiet", "--start", str(end), "--end", str(end)]
        runs["one_day"].append(run_process(day_args, env))
        phases.append(event_breakdown(runs["one_day"][-1], work / f"{label}-run{i}"))
        if bound and i == 0:
            dbt_day = dbt_day_bound(
                work / f"{label}-run{i}", work / f"{label}-dbt-day", env, repeat
            )
            shutil.rmtree(work / f"{label}-dbt-day", ignore_errors=True)
        print(
            f"  {label} run {i + 1}: full {runs['full'][-1].seconds:.1f}s, "
            f"one day {runs['one_day'][-1].seconds:.1f}s",
            flush=True,
        )
        if with_floor:
            floor_dir = work / f"{label}-floor{i}"
            env = sample_env(base_env, floor_dir, sample)
            runs["floor_full"].append(floor_run(env, floor_dir, start, history_end, models))
            runs["floor_one_day"].append(floor_run(env, floor_dir, end, end, models))
        shutil.rmtree(work / f"{label}-run{i}", ignore_errors=True)
        shutil.rmtree(work / f"{label}-floor{i}", ignore_errors=True)

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 2) if values else float("nan")

    middle = sorted(range(len(runs["one_day"])), key=lambda i: runs["one_day"][i].seconds)
    return ScaleResult(
        scale=label,
        window=f"{start}..{history_end}, then {end}",
        full=med([r.seconds for r in runs["full"]]),
        full_peak_rss_mib=max(r.peak_rss_mib for r in runs["full"]),
        full_max_child_rss_mib=max(r.max_child_rss_mib for r in runs["full"]),
        one_day=med([r.seconds for r in runs["one_day"]]),
        one_day_peak_rss_mib=max(r.peak_rss_mib for r in runs["one_day"]),
        floor_full=med([r["seconds"] for r in runs["floor_full"]]),
        floor_one_day=med([r["seconds"] for r in runs["floor_one_day"]]),
        floor_one_day_ingestion=med([r["ingestion"] for r in runs["floor_one_day"]]),
        breakdown=phases[middle[len(middle) // 2]],
        dbt_day=dbt_day,
    )


# ---------------------------------------------------------------- engines


@dataclass
class EngineResult:
    engine: str
    seconds: float  # the whole `crw run` process, sample window
    transform_step: float  # the dbt step: (Spark: lake + ) dbt + (Spark: load into DuckDB)
    dbt: float  # the dbt command inside it (Spark: session start included)
    peak_rss_mib: float  # the process tree, the JVM included
    headline: list[str]


def measure_engines(base_env: dict[str, str], work: Path) -> list[EngineResult]:
    """The whole sample window once per engine, each in a fresh data dir; the dbt step's
    phases from the transform run's event log (the latest run)."""
    results = []
    for engine in ("duckdb", "spark"):
        data_dir = work / f"engine-{engine}"
        env = sample_env(base_env, data_dir, None)
        run = run_process([str(CRW), "run", "--quiet", "--engine", engine], env)
        phases = event_breakdown(run, data_dir)
        step = sum(phases.get(k, 0.0) for k in ("pre_dbt", "dbt", "dbt_events"))
        results.append(
            EngineResult(
                engine=engine,
                seconds=round(run.seconds, 2),
                transform_step=round(step, 2),
                dbt=phases.get("dbt", float("nan")),
                peak_rss_mib=run.peak_rss_mib,
                headline=[line.strip() for _, line in run.lines if line.startswith("  ")],
            )
        )
        print(
            f"  engine {engine}: run {run.seconds:.1f}s, dbt step {step:.1f}s",
            flush=True,
        )
        shutil.rmtree(data_dir, ignore_errors=True)
    return results


def report_engines(engines: list[EngineResult]) -> dict:
    by_name = {e.engine: e for e in engines}
    duck, spark = by_name["duckdb"], by_name["spark"]
    print("transform on Spark vs DuckDB (sample window, one crw run each; informational):")
    for e in engines:
        print(
            f"  {e.engine:<7} run {e.seconds:>6.1f}s  dbt step {e.transform_step:>6.1f}s "
            f"(dbt {e.dbt:.1f}s)  peak {e.peak_rss_mib:.0f} MiB"
        )
    ratio = round(spark.transform_step / duck.transform_step, 1)
    same = spark.headline == duck.headline
    print(f"  dbt step spark/duckdb: {ratio}x; same headline: {'yes' if same else 'NO'}")
    return {
        "engines": [asdict(e) for e in engines],
        "dbt_step_spark_vs_duckdb": ratio,
        "same_headline": same,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--scales", default="1,10,100", help="comma-separated factors")
    parser.add_argument("--quick", action="store_true", help="1x only, no history comparison")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="generated samples")
    parser.add_argument(
        "--since",
        type=date.fromisoformat,
        default=date(2018, 1, 1),
        help="first day of the scaled samples' history (a shorter one for a trial run)",
    )
    parser.add_argument(
        "--history-scale",
        type=int,
        default=10,
        help="scale of the one-day run after 2 vs 8 years of history (0: skip)",
    )
    parser.add_argument(
        "--spark",
        action="store_true",
        help="also time the sample's transform on Spark vs DuckDB (needs Java; informational)",
    )
    parser.add_argument("--spark-only", action="store_true", help="only the Spark vs DuckDB figure")
    args = parser.parse_args()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("CRW_", "DAGSTER_HOME"))}
    if args.spark_only:
        work = Path(tempfile.mkdtemp(prefix="crw-bench-"))
        try:
            engines = report_engines(measure_engines(base_env, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        machine = f"{platform.machine()}, {os.cpu_count()} cores"
        write_results({"machine": machine, "spark": engines})
        return
    scales = [1] if args.quick else [int(s) for s in args.scales.split(",")]
    history_scale = 0 if args.quick else args.history_scale
    if history_scale == 1:
        parser.error("--history-scale must be a generated scale (> 1) or 0")

    samples = {factor: scaled_sample(args.cache, factor, args.since) for factor in scales}
    work = Path(tempfile.mkdtemp(prefix="crw-bench-"))
    try:
        # dbt compiles three-part names with the database's name: the floor's file must share
        # the stem of the compile-time path (warehouse.duckdb).
        (work / "compile").mkdir()
        compile_env = {**base_env, "CRW_DUCKDB_PATH": str(work / "compile" / "warehouse.duckdb")}
        models = compiled_models(compile_env, work / "models.json")
        imports = round(import_cost(args.repeat), 2)
        print(f"import the stack ({IMPORT_STACK}): {imports:.2f}s", flush=True)
        frame = frame_seconds(args.repeat) if 1 in scales else None
        if frame:
            print(f"the frame (bench/frame.py): {frame['seconds']:.2f}s", flush=True)
        results = []
        for factor in scales:
            print(f"scale {factor}x ...", flush=True)
            results.append(
                measure_scale(
                    f"{factor}x",
                    samples[factor],
                    base_env,
                    work,
                    models,
                    args.repeat,
                    bound=factor == 1,
                )
            )
        history = None
        if history_scale:
            long = next((r for r in results if r.scale == f"{history_scale}x"), None)
            long_sample = scaled_sample(args.cache, history_scale, args.since)
            if long is None:
                long = measure_scale(
                    f"{history_scale}x", long_sample, base_env, work, models, 1, with_floor=False
                )
            print(f"scale {history_scale}x, history from {SHORT_HISTORY_START} ...", flush=True)
            two = measure_scale(
                f"{history_scale}x-2y",
                long_sample,
                base_env,
                work,
                models,
                1,
                with_floor=False,
                history_start=SHORT_HISTORY_START,
            )
            history = {
                "scale": f"{history_scale}x",
                "one_day_after_2y": two.one_day,
                "one_day_after_8y": long.one_day,
                "ratio_8y_vs_2y": round(long.one_day / two.one_day, 2),
                "full_2y": two.full,
                "full_8y": long.full,
                "breakdown_2y": two.breakdown,
                "breakdown_8y": long.breakdown,
            }
        engines = None
        if args.spark:
            print("engines: the sample window on duckdb, then on spark ...", flush=True)
            engines = measure_engines(base_env, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(results, imports, history, engines, frame)


def write_results(out: dict) -> None:
    directory = PROJECT / "bench" / "results"
    directory.mkdir(exist_ok=True)
    (directory / "latest.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {directory / 'latest.json'}")


def report(
    results: list[ScaleResult],
    imports: float,
    history: dict | None,
    engines: list[EngineResult] | None = None,
    frame: dict | None = None,
) -> None:
    one_x = next((r for r in results if r.scale == "1x"), None)
    hundred = next((r for r in results if r.scale == "100x"), None)
    criteria = {}
    if one_x:
        criteria["one_day_1x_vs_import"] = round(one_x.one_day / imports, 2)
        criteria["one_day_1x_vs_import_target"] = "<= 3x"
        if one_x.dbt_day:
            criteria["dbt_day_1x_vs_import"] = round(one_x.dbt_day["with_tests"] / imports, 2)
            criteria["dbt_day_models_only_1x_vs_import"] = round(
                one_x.dbt_day["models_only"] / imports, 2
            )
            criteria["dbt_day_nothing_to_build_1x_vs_import"] = round(
                one_x.dbt_day["nothing_to_build"] / imports, 2
            )
    if frame:
        criteria["frame_vs_import"] = round(frame["seconds"] / imports, 2)
    if one_x and hundred:
        criteria["one_day_100x_vs_1x"] = round(hundred.one_day / one_x.one_day, 2)
        criteria["one_day_100x_vs_1x_target"] = "<= 2x"
        criteria["full_100x_peak_rss_gib"] = round(hundred.full_peak_rss_mib / 1024, 2)
        criteria["full_100x_peak_rss_target"] = "< 4 GiB"
    criteria["full_vs_floor_target"] = "<= 3x at every scale"
    out = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "import_stack_seconds": imports,
        "frame": frame,
        "scales": [
            {
                **asdict(r),
                "ratio_full_vs_floor": r.full_vs_floor,
                "ratio_one_day_vs_floor": r.one_day_vs_floor,
            }
            for r in results
        ],
        "history": history,
        "criteria": criteria,
    }

    print()
    print(f"import the stack: {imports:.2f}s")
    header = (
        f"{'scale':<6}{'full':>9}{'floor':>8}{'ratio':>7}{'peak MiB':>10}"
        f"{'one day':>9}{'floor':>8}{'ratio':>7}{'peak MiB':>10}"
    )
    print(header)
    for r in results:
        print(
            f"{r.scale:<6}{r.full:>8.1f}s{r.floor_full:>7.1f}s{r.full_vs_floor:>6.1f}x"
            f"{r.full_peak_rss_mib:>10.0f}{r.one_day:>8.1f}s{r.floor_one_day:>7.1f}s"
            f"{r.one_day_vs_floor:>6.1f}x{r.one_day_peak_rss_mib:>10.0f}"
        )
    for r in results:
        parts = ", ".join(f"{k} {v:.1f}s" for k, v in r.breakdown.items())
        print(f"one-day breakdown {r.scale}: {parts}")
        print(
            f"one-day floor {r.scale}: {r.floor_one_day:.1f}s, of which fetch, parse and load "
            f"{r.floor_one_day_ingestion:.1f}s"
        )
    for r in results:
        if r.dbt_day:
            print(
                f"dbt's own day {r.scale} (import + window + dbt build in process, no fetch, no "
                f"Dagster): {r.dbt_day['with_tests']:.1f}s with the day's tests "
                f"({r.dbt_day['with_tests'] / imports:.1f}x import), "
                f"{r.dbt_day['models_only']:.1f}s models only "
                f"({r.dbt_day['models_only'] / imports:.1f}x import), "
                f"{r.dbt_day['nothing_to_build']:.1f}s with nothing to build "
                f"({r.dbt_day['nothing_to_build'] / imports:.1f}x import)"
            )
    if frame:
        print(
            f"the frame (bench/frame.py: one Dagster asset building {frame['marts']} trivial dbt "
            f"marts with {frame['key_tests']} key tests, nothing else): {frame['seconds']:.1f}s "
            f"({frame['seconds'] / imports:.1f}x import)"
        )
    if history:
        print(
            f"one day at {history['scale']}: after 2 years of history "
            f"{history['one_day_after_2y']:.1f}s, after 8 years {history['one_day_after_8y']:.1f}s "
            f"({history['ratio_8y_vs_2y']}x)"
        )
        for years in ("2y", "8y"):
            parts = ", ".join(f"{k} {v:.1f}s" for k, v in history[f"breakdown_{years}"].items())
            print(f"one-day breakdown {history['scale']} after {years}: {parts}")
    for name, value in criteria.items():
        print(f"{name}: {value}")
    if engines:
        out["spark"] = report_engines(engines)
    write_results(out)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "dbt-day":
        _, _, warehouse, version, dbt_args = sys.argv
        dbt_day_main(Path(warehouse), version, json.loads(dbt_args))
    elif len(sys.argv) > 1 and sys.argv[1] == "floor":
        _, _, data_dir, start, end, models = sys.argv
        floor_main(Path(data_dir), date.fromisoformat(start), date.fromisoformat(end), Path(models))
    else:
        main()
