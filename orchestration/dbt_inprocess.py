"""dbt run inside the Dagster step's process, with dagster-dbt's own event mapping.

``DbtCliResource.cli`` starts a new Python process for every dbt command. That process pays
Python's start and dbt's imports (~4.5 s of CPU on the 2-core reference machine) before it runs
a node: more than importing the whole Dagster stack, and most of a one-day run. dagster-dbt has
already imported dbt here, so this module invokes dbt through its documented programmatic entry
point (``dbtRunner``) in this process and turns each finished node into the same Dagster events
(materializations with their metadata, asset-check results for tests) through dagster-dbt's
``DbtCoreCliEventMessage``: the asset graph, selection and UI are unchanged.

What differs from a dbt subprocess, and how it is handled:
- dbt-duckdb keeps one DuckDB instance per process (``DuckDBConnectionManager._ENV``) after the
  command ends; it is closed here, so the warehouse file is free for the next step.
- Ctrl-C / SIGTERM (``crw`` turns it into KeyboardInterrupt) reaches dbt as an exception in this
  process: dbt cancels its open queries and the step fails, as with a subprocess.
- dbt is not thread-safe across concurrent invocations; the ``duckdb_writer`` pool runs one dbt
  step at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DbtProject
from dagster_dbt.asset_utils import get_updated_cli_invocation_params_for_context
from dagster_dbt.core.dbt_cli_event import DbtCoreCliEventMessage
from dagster_dbt.errors import DagsterDbtCliRuntimeError

MAX_ERRORS_SHOWN = 5
# The dbt-core events dagster-dbt turns into Dagster events (DbtCoreCliEventMessage).
RESULT_EVENTS = frozenset({"LogSeedResult", "LogModelResult", "LogSnapshotResult", "LogTestResult"})
FAILED = frozenset({"error", "fail", "runtime error"})


def dbt_in_process(
    context: dg.AssetExecutionContext,
    args: Sequence[str],
    *,
    project: DbtProject,
    translator: DagsterDbtTranslator,
    target_path: Path,
    excludes: Sequence[str] = (),
    whole_project_excludes: Sequence[str] = (),
    events: list[Any],
) -> None:
    """Run ``dbt <args>`` for the step's selected assets and checks; append the Dagster events
    of every finished node to ``events`` as they happen (so a caller's ``finally`` still has
    them when a node fails). Raises ``DagsterDbtCliRuntimeError`` naming the failed nodes.

    ``whole_project_excludes`` apply only when the step builds the whole project (dagster-dbt's
    default ``--select fqn:*``, not a subset): each is excluded exactly, without dbt's indirect
    selection (``--indirect-selection empty``), so excluding a model does not exclude its tests
    (which are selected by ``fqn:*`` themselves)."""
    from dbt.cli.main import dbtRunner
    from dbt_common.events.functions import msg_to_dict

    def invocation(runtime_excludes: Sequence[str]) -> Any:
        return get_updated_cli_invocation_params_for_context(
            context=context,
            manifest={},
            dagster_dbt_translator=translator,
            runtime_excludes=list(runtime_excludes),
        )

    params = invocation(excludes)
    indirect_selection = params.indirect_selection
    if whole_project_excludes and whole_project(params.selection_args, indirect_selection):
        params = invocation([*excludes, *whole_project_excludes])
        indirect_selection = "empty"
    errors: list[str] = []

    def on_event(message: Any) -> None:
        name = message.info.name
        if name not in RESULT_EVENTS and name != "NodeFinished":
            return
        raw = msg_to_dict(message)
        if name == "NodeFinished":
            result = raw["data"].get("run_result", {})
            if result.get("status") in FAILED:
                node = raw["data"]["node_info"].get("unique_id", "?")
                errors.append(f"{node}: {(result.get('message') or '').strip()}")
            return
        event = DbtCoreCliEventMessage(raw_event=raw, event_history_metadata={})
        events.extend(
            event.to_default_asset_events(
                manifest=params.manifest,
                dagster_dbt_translator=params.dagster_dbt_translator,
                context=context,
                target_path=target_path,
                project=project,
            )
        )

    project_dir = Path(
        params.dbt_project.project_dir if params.dbt_project else project.project_dir
    )
    command = [
        *args,
        *params.selection_args,
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project.profiles_dir),
        "--target-path",
        str(target_path),
        "--log-path",
        str(target_path),
    ]
    if indirect_selection:
        command += ["--indirect-selection", indirect_selection]
    command += ["--log-level", stdout_log_level(context)]
    context.log.info(f"Running dbt command (in process): `dbt {' '.join(command)}`")
    try:
        outcome = dbtRunner(callbacks=[on_event]).invoke(command)
    finally:
        release_duckdb()
    context.log.info(f"Finished dbt command (in process): success={outcome.success}")
    if isinstance(outcome.exception, KeyboardInterrupt):
        raise outcome.exception  # dbtRunner returns it; the step must still be interrupted
    if outcome.exception is not None:
        raise DagsterDbtCliRuntimeError(
            description=f"dbt {args[0]} could not run: {outcome.exception}"
        ) from outcome.exception
    if not outcome.success:
        shown = "\n".join(errors[:MAX_ERRORS_SHOWN])
        more = (
            f"\n... and {len(errors) - MAX_ERRORS_SHOWN} more" if errors[MAX_ERRORS_SHOWN:] else ""
        )
        raise DagsterDbtCliRuntimeError(
            description=f"dbt {args[0]} failed: {len(errors)} node(s) failed\n{shown}{more}"
        )


def stdout_log_level(context: dg.AssetExecutionContext) -> str:
    """dbt's lines on stdout follow the run's console logger: a quiet run (``crw run --quiet``,
    console at WARNING) shows dbt's warnings and errors only, not a line per node. The dbt.log
    in the target dir keeps every info line either way (``--log-level-file info``)."""
    loggers = context.run.run_config.get("loggers") or {}
    level = ((loggers.get("console") or {}).get("config") or {}).get("log_level", "INFO")
    return "warn" if str(level).upper() in {"WARN", "WARNING", "ERROR", "CRITICAL"} else "info"


def whole_project(selection_args: Sequence[str], indirect_selection: str | None) -> bool:
    """dagster-dbt's selection when every dbt asset and check of the step is selected."""
    args = list(selection_args)
    selects = [args[i + 1] for i, arg in enumerate(args[:-1]) if arg == "--select"]
    return indirect_selection is None and selects == ["fqn:*"] and "--selector" not in args


def release_duckdb() -> None:
    """Close dbt-duckdb's process-wide DuckDB instance (kept open after a command)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    with DuckDBConnectionManager._LOCK:
        if DuckDBConnectionManager._ENV is not None:
            try:
                DuckDBConnectionManager._ENV.close()
            finally:
                DuckDBConnectionManager._ENV = None
