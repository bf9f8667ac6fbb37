"""The `crw` command: clear messages instead of tracebacks for the usual mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration import cli
from warehouse.settings import Settings, SettingsError


def test_an_unknown_source_mode_is_a_one_line_error(monkeypatch, capsys) -> None:
    monkeypatch.setenv("CRW_SOURCE_MODE", "replay")
    assert cli.main(["run"]) == 2
    err = capsys.readouterr().err
    assert "CRW_SOURCE_MODE must be one of ('sample', 'live'), got 'replay'" in err
    assert "Traceback" not in err


def test_sql_without_a_bi_copy_says_to_run_the_pipeline_first(settings: Settings, capsys) -> None:
    assert cli.main(["sql", "select 1"]) == 2
    assert "no BI copy" in capsys.readouterr().err


def test_the_sample_window_is_the_bundled_one(settings: Settings) -> None:
    start, end = cli.default_window(settings)
    assert (start.isoformat(), end.isoformat()) == ("2024-01-01", "2025-11-15")


def test_the_dagster_home_gets_the_pool_limit_and_fast_event_log(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # prepare_environment exports these; monkeypatch restores them afterwards
    for name in ("DAGSTER_HOME", "CRW_DUCKDB_PATH", "CRW_DATA_DIR"):
        monkeypatch.setenv(name, "placeholder")
    cli.prepare_environment(settings)
    config = (settings.dagster_home / "dagster.yaml").read_text()
    assert "default_limit: 1" in config
    assert "PooledSqliteEventLogStorage" in config


def test_settings_make_the_duckdb_path_absolute(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CRW_DUCKDB_PATH", "rel/w.duckdb")
    assert Settings.from_env().duckdb_path == tmp_path / "rel" / "w.duckdb"


def test_settings_refuse_a_bad_mode() -> None:
    with pytest.raises(SettingsError):
        Settings.from_env({"CRW_SOURCE_MODE": "LIVE!"})
