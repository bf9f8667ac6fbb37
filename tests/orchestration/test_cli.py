"""The `crw` command: clear messages instead of tracebacks for the usual mistakes, and the run
plan it hands to Dagster."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from orchestration import cli, runs
from warehouse.settings import Settings, SettingsError


def test_an_unknown_source_mode_is_a_one_line_error(monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRW_SOURCE_MODE", "replay")
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert "CRW_SOURCE_MODE must be one of ('sample', 'live'), got 'replay'" in err
    assert "Traceback" not in err


def test_an_empty_window_is_a_one_line_error(settings: Settings, capsys) -> None:
    assert cli.main(["run", "--start", "2025-11-15", "--end", "2025-11-14"]) == 2
    assert "the window is empty" in capsys.readouterr().err


def test_sql_without_a_bi_copy_says_to_run_the_pipeline_first(settings: Settings, capsys) -> None:
    assert cli.main(["sql", "select 1"]) == 2
    assert "no BI copy" in capsys.readouterr().err


def test_asof_without_a_bi_copy_says_to_run_the_pipeline_first(settings: Settings, capsys) -> None:
    assert cli.main(["asof", "2025-09-03 20:00"]) == 2
    assert "no BI copy" in capsys.readouterr().err


def test_asof_refuses_what_is_not_a_timestamp(settings: Settings, capsys) -> None:
    with pytest.raises(SystemExit):
        cli.main(["asof", "yesterday"])
    assert "not a timestamp: 'yesterday'" in capsys.readouterr().err


def test_the_sample_window_is_the_bundled_one(settings: Settings) -> None:
    start, end = runs.default_window(settings)
    assert (start.isoformat(), end.isoformat()) == ("2024-01-01", "2025-11-15")


def test_a_day_is_one_daily_run_and_a_range_is_ingest_then_transform() -> None:
    day = runs.plan(date(2025, 11, 15), date(2025, 11, 15))
    assert [(p.job_name, p.partition_key) for p in day] == [("daily_pipeline", "2025-11-15")]
    span = runs.plan(date(2025, 11, 1), date(2025, 11, 15))
    assert [p.job_name for p in span] == ["raw_ingest", "transform"]
    assert span[0].tags["dagster/asset_partition_range_start"] == "2025-11-01"
    assert span[0].tags["dagster/asset_partition_range_end"] == "2025-11-15"
    assert "dagster/asset_partition_range_start" not in span[1].tags


def test_the_dagster_home_gets_the_checked_in_instance_config(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # prepare_environment exports these; monkeypatch restores them afterwards
    for name in ("DAGSTER_HOME", "CRW_DUCKDB_PATH", "CRW_DATA_DIR", "CRW_SOURCE_MODE"):
        monkeypatch.setenv(name, "placeholder")
    runs.prepare_environment(settings)
    installed = settings.dagster_home / "dagster.yaml"
    assert installed.read_bytes() == runs.INSTANCE_CONFIG.read_bytes()
    config = installed.read_text()
    assert "default_limit: 1" in config
    assert "PooledSqliteEventLogStorage" in config


def test_settings_make_the_duckdb_path_absolute(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRW_DUCKDB_PATH", "rel/w.duckdb")
    assert Settings.from_env().duckdb_path == tmp_path / "rel" / "w.duckdb"


def test_settings_refuse_a_bad_mode() -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"CRW_SOURCE_MODE": "LIVE!"})


def test_no_module_outside_the_cli_imports_it() -> None:
    root = Path(cli.__file__).resolve().parents[1]
    imports_cli = re.compile(r"orchestration\.cli\b|from orchestration import .*\bcli\b")
    importers = [
        str(path.relative_to(root))
        for folder in (
            "ingestion",
            "orchestration",
            "warehouse",
            "brief",
            "tests",
            "bench",
            "tools",
        )
        for path in (root / folder).rglob("*.py")
        if path.name not in ("cli.py", "test_cli.py") and imports_cli.search(path.read_text())
    ]
    assert importers == []


def test_the_cli_stays_thin() -> None:
    assert len(Path(cli.__file__).read_text().splitlines()) < 120


def test_a_partial_day_prints_the_failed_inputs_and_exits_non_zero(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """The marts were built (every run succeeded) but an input failed: a scheduler must still
    alert, so `crw run` lists it after the outputs and returns 1 (the whole path is in
    tests/end_to_end/test_partial_day.py)."""
    from types import SimpleNamespace

    succeeded = SimpleNamespace(
        success=True, run_id="abcdef0123", job_def=SimpleNamespace(name="x")
    )
    summary = ["crw: 1 input(s) FAILED; ...", "  binance ETHUSDT spot_klines: HTTP 451"]
    monkeypatch.setattr(runs, "prepare_environment", lambda settings: None)
    monkeypatch.setattr(runs, "prepare_dbt", lambda: None)
    monkeypatch.setattr(runs, "run_pipeline", lambda *args, **kwargs: [succeeded])
    monkeypatch.setattr(runs, "outputs", lambda settings: ["crw: warehouse w"])
    monkeypatch.setattr(runs, "failed_inputs", lambda settings, since: summary)
    assert cli.main(["run", "--start", "2025-11-15", "--end", "2025-11-15"]) == 1
    assert capsys.readouterr().out.splitlines()[-2:] == summary
    monkeypatch.setattr(runs, "failed_inputs", lambda settings, since: [])
    assert cli.main(["run", "--start", "2025-11-15", "--end", "2025-11-15"]) == 0
