"""``crw run --engine spark|duckdb``: the flag over CRW_ENGINE, the run's tag, and what the dbt
step does on Spark (lake, a wiped Spark warehouse, dbt's args, the session stopped, the tables
loaded back). No Spark is started here: the Spark end-to-end test is its own group."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from orchestration import runs
from orchestration.assets import dbt as dbt_assets
from orchestration.dbt_project import DBT_PROJECT
from warehouse.settings import PROJECT_DIR, Settings


class FakeLog:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, message: str) -> None:
        self.lines.append(message)


def fake_context(tags: dict[str, str] | None = None) -> Any:
    return SimpleNamespace(run=SimpleNamespace(tags=tags or {}), log=FakeLog())


@pytest.mark.parametrize(
    ("env", "flag", "engine"),
    [
        (None, None, "duckdb"),
        ("spark", None, "spark"),
        (None, "spark", "spark"),
        ("spark", "duckdb", "duckdb"),
        ("duckdb", "spark", "spark"),
    ],
)
def test_the_engine_flag_overrides_crw_engine_for_the_run(
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    env: str | None,
    flag: str | None,
    engine: str,
) -> None:
    # prepare_environment exports these: unset now, restored afterwards (the data dir is the
    # settings fixture's)
    for name in (
        "DAGSTER_HOME",
        "CRW_DUCKDB_PATH",
        "CRW_ENGINE",
        "CRW_LAKE_DIR",
        "CRW_SPARK_MASTER",
        "CRW_UNIVERSE_FILE",
    ):
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)
    if env:
        monkeypatch.setenv("CRW_ENGINE", env)
    chosen = runs.for_engine(Settings.from_env(), flag)
    assert chosen.engine == engine
    runs.prepare_environment(chosen)
    # the run's processes and resources (Settings.from_env at run time) see the same engine
    assert os.environ["CRW_ENGINE"] == engine
    assert Settings.from_env().engine == engine


def test_crw_run_takes_the_engine_flag_and_refuses_an_unknown_one() -> None:
    crw = Path(sys.executable).with_name("crw")
    shown = subprocess.run([crw, "run", "--help"], capture_output=True, text=True, check=True)
    assert "--engine {duckdb,spark}" in shown.stdout
    refused = subprocess.run([crw, "run", "--engine", "flink"], capture_output=True, text=True)
    assert refused.returncode == 2
    assert "invalid choice: 'flink'" in refused.stderr


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_the_run_summary_names_the_engine(settings: Settings, engine: str) -> None:
    result = SimpleNamespace(job_def=SimpleNamespace(name="transform"), run_id="7c34b444ffff")
    line = runs.success_line([result], 84.25, runs.for_engine(settings, engine))
    assert line == f"crw: runs transform 7c34b444 succeeded in 84.2s, engine {engine}"


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_every_run_is_tagged_with_its_engine(settings: Settings, engine: str) -> None:
    chosen = runs.for_engine(settings, engine)
    for planned in runs.plan(runs.date(2025, 11, 1), runs.date(2025, 11, 15)):
        tags = runs.run_tags(planned, chosen, full_refresh=False)
        assert tags[dbt_assets.ENGINE_TAG] == engine
        assert dbt_assets.FULL_REFRESH_TAG not in tags
    day = runs.plan(runs.date(2025, 11, 15), runs.date(2025, 11, 15))[0]
    tags = runs.run_tags(day, chosen, full_refresh=True)
    assert tags[dbt_assets.FULL_REFRESH_TAG] == "true"
    assert tags["crw/started_by"] == "crw run"


def test_the_run_tag_picks_the_engine_else_the_setting(settings: Settings) -> None:
    assert dbt_assets.run_engine(fake_context(), settings) == "duckdb"
    spark = fake_context({dbt_assets.ENGINE_TAG: "spark"})
    assert dbt_assets.run_engine(spark, settings) == "spark"


def test_the_spark_build_is_a_full_build_on_the_spark_target_with_the_lake_vars(
    settings: Settings,
) -> None:
    args = dbt_assets.spark_build_args(settings)
    assert args[0] == "build"
    assert args[args.index("--target") + 1] == "spark"
    assert "--full-refresh" in args
    assert json.loads(args[args.index("--vars") + 1]) == {
        "duckdb_path": str(settings.duckdb_path),
        "lake_dir": str(settings.lake_dir),
        "spark_warehouse_dir": str(settings.spark_dir / "warehouse"),
        "spark_master": "local[2]",
    }


def test_the_spark_target_has_its_own_target_path_ignored_by_git() -> None:
    assert DBT_PROJECT.project_dir / "target-spark" == dbt_assets.SPARK_TARGET_PATH
    assert DBT_PROJECT.project_dir / DBT_PROJECT.target_path != dbt_assets.SPARK_TARGET_PATH
    ignored = (PROJECT_DIR / ".gitignore").read_text().splitlines()
    assert any(fnmatch("dbt_project/target-spark/", pattern) for pattern in ignored)


@pytest.fixture
def spark_step(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The Spark step with the lake, dbt, Spark and the load replaced by recorders."""
    calls: dict[str, Any] = {"order": []}
    stale = settings.spark_dir / "warehouse" / "marts.db" / "fct_prices_daily" / "part-0.parquet"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"last build")

    def sync(s: Settings) -> list[str]:
        calls["order"].append("lake")
        return ["raw_binance.spot_klines"]

    def dbt(context: Any, args: list[str], **kwargs: Any) -> None:
        calls["order"].append("dbt")
        calls["args"], calls["kwargs"] = args, kwargs
        calls["warehouse_dir_at_dbt"] = sorted(
            p.name for p in (settings.spark_dir / "warehouse").rglob("*")
        )
        if calls.get("fail"):
            raise RuntimeError("a model failed on Spark")

    def load(conn: Any, directory: Path, contracts: Any) -> dict[str, int]:
        calls["order"].append("load")
        calls["loaded_from"] = directory
        calls["contracts"] = contracts
        return {"marts.fct_prices_daily": 5}

    monkeypatch.setattr(dbt_assets, "sync_raw_lake", sync)
    monkeypatch.setattr(dbt_assets, "dbt_in_process", dbt)
    monkeypatch.setattr(dbt_assets, "stop_spark", lambda: calls["order"].append("stop"))
    monkeypatch.setattr(dbt_assets, "load_spark_tables", load)
    return calls


def test_the_spark_step_wipes_the_spark_warehouse_then_runs_dbt_then_loads_duckdb(
    settings: Settings, spark_step: dict[str, Any]
) -> None:
    context = fake_context({dbt_assets.ENGINE_TAG: "spark"})
    loaded = dbt_assets.build_on_spark(context, settings, [])
    assert loaded == {"marts.fct_prices_daily": 5}
    assert spark_step["order"] == ["lake", "dbt", "stop", "load"]
    assert spark_step["warehouse_dir_at_dbt"] == []  # the last build's files are gone
    assert spark_step["args"] == dbt_assets.spark_build_args(settings)
    assert spark_step["kwargs"]["target_path"] == dbt_assets.SPARK_TARGET_PATH
    assert spark_step["kwargs"]["excludes"] == ()  # the dbt unit tests run on Spark too
    assert spark_step["loaded_from"] == settings.spark_dir / "warehouse"
    # the mart contracts (DuckDB types) come from the definitions' manifest
    assert ("marts", "fct_prices_daily") in spark_step["contracts"]
    # no DuckDB incremental window on Spark
    from warehouse.connection import connection

    with connection(settings.duckdb_path, read_only=True) as conn:
        tables = conn.execute(
            "select table_name from information_schema.tables where table_schema = 'meta'"
        ).fetchall()
    assert ("transform_window",) not in tables


def test_a_failed_spark_build_stops_spark_and_loads_nothing(
    settings: Settings, spark_step: dict[str, Any]
) -> None:
    spark_step["fail"] = True
    with pytest.raises(RuntimeError, match="a model failed on Spark"):
        dbt_assets.build_on_spark(fake_context(), settings, [])
    assert spark_step["order"] == ["lake", "dbt", "stop"]


def test_without_the_raw_lake_module_the_spark_engine_says_so(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "warehouse.lake", None)  # import fails
    with pytest.raises(RuntimeError, match=r"--engine spark needs the raw lake \(warehouse/lake"):
        dbt_assets.sync_raw_lake(settings)


def test_stopping_spark_without_a_session_does_nothing() -> None:
    dbt_assets.stop_spark()
    dbt_assets.stop_spark()


def test_a_local_spark_session_without_java_fails_with_what_to_install(
    settings: Settings, spark_step: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dbt_assets.shutil, "which", lambda name: None)
    context = fake_context({dbt_assets.ENGINE_TAG: "spark"})
    with pytest.raises(RuntimeError, match="needs a Java 17 runtime.*make java"):
        dbt_assets.build_on_spark(context, settings, [])
    assert spark_step["order"] == []  # nothing ran: no lake sync, no dbt
