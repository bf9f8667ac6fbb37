"""The frame: what any one-day run with this project's stack and rules costs before it does any
work of its own, a lower bound for the issue-10 target (the one-day run at 1x ≤ 3x importing
the stack).

A fresh process imports the stack, and runs one Dagster asset (an ephemeral instance: no event
log on disk) that builds, with dbt in process on DuckDB, one trivial table model per mart of
this project (``select`` of 10 generated rows) with the two key tests `STYLE.md` asks of every
key (unique and not null). No fetch, no raw table, no real SQL, no asset per model, no BI copy,
no brief. The real one-day run does all of that and more, so no version of it built on Dagster
and dbt with those tests can be faster than the frame.

    python bench/frame.py [--repeat N]   # prints the frame's and the import's seconds

``bench/pipeline.py`` runs it with the 1x figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
MANIFEST = PROJECT / "dbt_project" / "target" / "manifest.json"
IMPORT_STACK = "import dagster, dagster_dbt, duckdb, polars"


def mart_count(manifest: Path = MANIFEST) -> int:
    """This project's marts: the enabled models under models/marts (each version counts)."""
    nodes = json.loads(manifest.read_text())["nodes"].values()
    return sum(1 for n in nodes if n["resource_type"] == "model" and n["fqn"][1:2] == ["marts"])


def write_project(root: Path, marts: int) -> Path:
    """A dbt project of ``marts`` trivial tables, each with unique + not_null on its key."""
    project = root / "frame"
    (project / "models").mkdir(parents=True)
    (project / "dbt_project.yml").write_text(
        "name: frame\nversion: '1.0'\nprofile: frame\nmodels:\n  frame:\n    +materialized: table\n"
    )
    (project / "profiles.yml").write_text(
        "frame:\n  target: local\n  outputs:\n    local:\n      type: duckdb\n"
        f"      path: {root / 'frame.duckdb'}\n      threads: 2\n"
    )
    schema = ["version: 2", "models:"]
    for i in range(marts):
        (project / "models" / f"mart_{i:02d}.sql").write_text(
            "select range as key, current_date - range::int as date from range(10)\n"
        )
        schema += [
            f"  - name: mart_{i:02d}",
            "    columns:",
            "      - name: key",
            "        data_tests: [unique, not_null]",
        ]
    (project / "models" / "_models.yml").write_text("\n".join(schema) + "\n")
    return project


def frame_main(project: Path) -> None:
    """The timed process: the stack's imports, then one Dagster run of one asset whose step
    runs ``dbt build`` in process. Ends like ``crw``, without the interpreter's teardown."""
    import dagster as dg
    import dagster_dbt  # noqa: F401
    import duckdb  # noqa: F401
    import polars  # noqa: F401
    from dbt.cli.main import dbtRunner

    sys.path.insert(0, str(PROJECT))
    from orchestration.dbt_inprocess import release_duckdb
    from orchestration.fast_exit import exit_without_teardown

    @dg.asset
    def marts() -> None:
        dirs = ["--project-dir", str(project), "--profiles-dir", str(project)]
        outcome = dbtRunner().invoke(["build", "--quiet", *dirs])
        release_duckdb()
        if not outcome.success:
            raise RuntimeError(f"frame: dbt build failed: {outcome.exception}")

    result = dg.materialize([marts], instance=dg.DagsterInstance.ephemeral())
    exit_without_teardown(0 if result.success else 1)


def _timed(command: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, check=True, cwd=PROJECT, capture_output=True)
    return time.perf_counter() - t0


def frame_seconds(repeat: int = 2, marts: int | None = None) -> dict:
    """The frame's process, median of ``repeat`` after one untimed run (dbt's partial parse and
    the tables exist, as on a day)."""
    with tempfile.TemporaryDirectory(prefix="crw-frame-") as tmp:
        marts = marts if marts is not None else mart_count()
        project = write_project(Path(tmp), marts)
        command = [sys.executable, __file__, "run", str(project)]
        _timed(command)
        seconds = statistics.median(_timed(command) for _ in range(max(2, repeat)))
    return {"marts": marts, "key_tests": 2 * marts, "seconds": round(seconds, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    imports = statistics.median(
        _timed([sys.executable, "-c", IMPORT_STACK]) for _ in range(max(3, args.repeat))
    )
    frame = frame_seconds(args.repeat)
    print(
        f"frame: {frame['marts']} trivial marts, {frame['key_tests']} key tests, one Dagster "
        f"asset: {frame['seconds']:.2f}s; import the stack {imports:.2f}s "
        f"({frame['seconds'] / imports:.2f}x)"
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "run":
        frame_main(Path(sys.argv[2]))
    else:
        main()
