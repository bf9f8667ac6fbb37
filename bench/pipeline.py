"""Benchmark: the full sample run and a one-day incremental run, each as a whole `crw run`
process, against a floor measured in this same script: the same fetch/land/parse/load code
(orchestration.ingest, no Dagster) and the same dbt-compiled SQL executed directly with duckdb
(no dbt, no Dagster). Prints seconds and ratios; writes bench/results/latest.json.

    python bench/pipeline.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
CRW = Path(sys.executable).with_name("crw")


def timed_process(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    result = subprocess.run(args, env=env, cwd=PROJECT, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if result.returncode != 0:
        sys.exit(
            f"benchmark run failed: {' '.join(args)}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return elapsed


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


def compiled_models(env: dict[str, str]) -> list[dict]:
    """Compile (untimed) and return the models' compiled SQL in dependency order."""
    from orchestration.dbt_project import DBT_EXECUTABLE
    from orchestration.dbt_project import DBT_PROJECT_DIR as dbt_dir

    target = Path(tempfile.mkdtemp(prefix="crw-bench-target-"))
    subprocess.run(
        [
            DBT_EXECUTABLE,
            "compile",
            "--project-dir",
            str(dbt_dir),
            "--profiles-dir",
            str(dbt_dir),
            "--target-path",
            str(target),
            "--quiet",
        ],
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
    return _topological(nodes)


def floor_run(data_dir: Path, start: date, end: date, models: list[dict]) -> float:
    """Same ingestion code and same SQL, no orchestration, no dbt; in this process."""
    from orchestration.runs import quiet_dagster_warnings

    quiet_dagster_warnings()
    from orchestration.definitions import SOURCES
    from orchestration.ingest import ingest_window
    from warehouse.connection import connection
    from warehouse.settings import Settings

    settings = Settings.from_env({"CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(data_dir)})
    t0 = time.perf_counter()
    for spec in (spec for source in SOURCES for spec in source.SPECS):
        ingest_window(spec, settings, start, end)
    from orchestration.dbt_project import DBT_PROJECT_DIR as dbt_dir

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
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    args = parser.parse_args()
    from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START

    start, end = date.fromisoformat(SAMPLE_START), date.fromisoformat(SAMPLE_END)
    work = Path(tempfile.mkdtemp(prefix="crw-bench-"))
    base_env = {k: v for k, v in os.environ.items() if not k.startswith(("CRW_", "DAGSTER_HOME"))}
    results: dict[str, list[float]] = {
        "full": [],
        "one_day": [],
        "floor_full": [],
        "floor_one_day": [],
    }
    try:
        # dbt compiles three-part names with the database's name: the floor's file must share
        # the stem of the compile-time path (warehouse.duckdb).
        compile_env = {**base_env, "CRW_DUCKDB_PATH": str(work / "compile" / "warehouse.duckdb")}
        (work / "compile").mkdir()
        models = compiled_models(compile_env)
        for i in range(args.repeat):
            env = {**base_env, "CRW_SOURCE_MODE": "sample", "CRW_DATA_DIR": str(work / f"run{i}")}
            results["full"].append(timed_process([str(CRW), "run", "--quiet"], env))
            results["one_day"].append(
                timed_process(
                    [str(CRW), "run", "--quiet", "--start", str(end), "--end", str(end)], env
                )
            )
            results["floor_full"].append(floor_run(work / f"floor{i}", start, end, models))
            results["floor_one_day"].append(floor_run(work / f"floor{i}", end, end, models))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(v) for k, v in results.items()}
    report = {
        "machine": (
            f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        ),
        "seconds": {k: round(v, 2) for k, v in med.items()},
        "ratio_full_vs_floor": round(med["full"] / med["floor_full"], 2),
        "ratio_one_day_vs_floor": round(med["one_day"] / med["floor_one_day"], 2),
        "target": "full run < 60 s and within 5x of its floor",
    }
    out = PROJECT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=1) + "\n")
    print(
        f"full sample run ({start}..{end}): {med['full']:.1f}s   "
        f"floor {med['floor_full']:.1f}s   ratio {report['ratio_full_vs_floor']}x"
    )
    print(
        f"one-day incremental run ({end}):      {med['one_day']:.1f}s   "
        f"floor {med['floor_one_day']:.1f}s   ratio {report['ratio_one_day_vs_floor']}x"
    )
    verdict = "meets" if med["full"] < 60 and report["ratio_full_vs_floor"] <= 5 else "MISSES"
    print(f"target (full < 60 s, <= 5x floor): {verdict}")


if __name__ == "__main__":
    main()
