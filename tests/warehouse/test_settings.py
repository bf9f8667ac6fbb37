"""Settings are read in one place: every variable the code reads is in .env.example, every one
there is read, and each base-URL override moves only its own endpoint family."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

import pytest
import responses

from ingestion.errors import MissingCredentialsError
from orchestration.assets import coinglass
from orchestration.definitions import SOURCES
from orchestration.ingest import RawSpec, open_http
from warehouse.settings import (
    BASE_URL_NAMES,
    PROJECT_DIR,
    VARIABLES,
    Settings,
    SettingsError,
    base_url_variable,
)

ENV_EXAMPLE = PROJECT_DIR / ".env.example"
RUNTIME_PACKAGES = ("ingestion", "orchestration", "warehouse", "brief")
VARIABLE = re.compile(r"\bCRW_[A-Z0-9_]+\b")


class RecordingEnv(Mapping[str, str]):
    """An environment that remembers every variable asked for."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values
        self.asked: set[str] = set()

    def __getitem__(self, key: str) -> str:
        self.asked.add(key)
        return self._values[key]

    def get(self, key, default=None):  # type: ignore[override]
        self.asked.add(key)
        return self._values.get(key, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def documented_variables() -> set[str]:
    names = set()
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"#?\s*(CRW_[A-Z0-9_]+)=", line)
        if match:
            names.add(match.group(1))
    return names


def test_every_documented_variable_is_read_and_every_read_one_is_documented() -> None:
    env = RecordingEnv({})
    Settings.from_env(env)
    assert env.asked == documented_variables() == set(VARIABLES)


def test_no_runtime_module_names_an_undocumented_variable() -> None:
    documented = documented_variables()
    named = {
        (str(path.relative_to(PROJECT_DIR)), name)
        for package in RUNTIME_PACKAGES
        for path in (PROJECT_DIR / package).rglob("*.py")
        for name in VARIABLE.findall(path.read_text())
    }
    assert {(path, name) for path, name in named if name not in documented} == set()


def test_only_the_settings_module_touches_the_environment() -> None:
    touching = sorted(
        str(path.relative_to(PROJECT_DIR))
        for package in RUNTIME_PACKAGES
        for path in (PROJECT_DIR / package).rglob("*.py")
        if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text())
    )
    assert touching == ["warehouse/settings.py"]


def test_every_bad_value_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env(
            {
                "CRW_SOURCE_MODE": "replay",
                "CRW_FARSIDE_REFETCH_DAYS": "-3",
                "CRW_FRED_BASE_URL": "fred.example",
            }
        )
    lines = str(err.value).splitlines()
    assert lines[0] == "bad settings:"
    assert "CRW_SOURCE_MODE must be one of ('sample', 'live'), got 'replay'" in lines[1]
    assert "CRW_FRED_BASE_URL must be an http(s) URL, got 'fred.example'" in lines[2]
    assert "CRW_FARSIDE_REFETCH_DAYS must be >= 0, got -3" in lines[3]


def test_api_keys_never_show_in_the_settings_repr() -> None:
    settings = Settings.from_env({"CRW_COINGLASS_API_KEY": "s3cret", "CRW_COINGECKO_API_KEY": "k"})
    assert settings.coinglass_api_key == "s3cret"
    assert "s3cret" not in repr(settings)


def test_an_explicit_data_dir_owns_its_warehouse_file(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {"CRW_DUCKDB_PATH": "/elsewhere/w.duckdb"}, overrides={"CRW_DATA_DIR": str(tmp_path)}
    )
    assert settings.duckdb_path == tmp_path / "warehouse.duckdb"


ALL_SPECS: list[RawSpec] = [spec for source in SOURCES for spec in source.SPECS]


def _requested_host(spec: RawSpec, settings: Settings, tmp_path: Path) -> str:
    """The host the spec's own client asks first, served by `responses` with an empty 500 so
    the client stops after its first request (no retries: the policy is set to one attempt)."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.add_callback(responses.GET, re.compile(r".*"), callback=lambda r: (404, {}, "no"))
        http = open_http(spec, settings, as_of=date(2025, 11, 14), partition="2025-11-14")
        # the 404 ends the fetch; only the URL matters here
        with contextlib.suppress(Exception):
            spec.fetch(http, date(2025, 11, 14), date(2025, 11, 14))
        assert mock.calls, f"{spec.source}/{spec.entity} made no request"
        return mock.calls[0].request.url.split("/")[2]


@pytest.mark.parametrize("name", BASE_URL_NAMES)
def test_each_base_url_override_moves_only_its_own_endpoints(name: str, tmp_path: Path) -> None:
    env = {
        "CRW_SOURCE_MODE": "live",
        "CRW_DATA_DIR": str(tmp_path),
        "CRW_COINGLASS_API_KEY": "k",
        base_url_variable(name): "http://127.0.0.1:9",
    }
    settings = Settings.from_env(env)
    default = Settings.from_env({**env, base_url_variable(name): ""})
    moved = []
    for spec in ALL_SPECS:
        family = spec.base_url_name or spec.source
        host = _requested_host(spec, settings, tmp_path)
        if family == name:
            moved.append(f"{spec.source}/{spec.entity}")
            assert host == "127.0.0.1:9", f"{spec.source}/{spec.entity} ignored the override"
        else:
            assert host == _requested_host(spec, default, tmp_path), (
                f"{base_url_variable(name)} moved {spec.source}/{spec.entity}"
            )
    assert moved, f"no endpoint uses {base_url_variable(name)}"


def test_the_futures_override_moves_only_futures_requests(tmp_path: Path) -> None:
    settings = Settings.from_env(
        {
            "CRW_SOURCE_MODE": "live",
            "CRW_DATA_DIR": str(tmp_path),
            "CRW_BINANCE_FUTURES_BASE_URL": "http://127.0.0.1:9",
        }
    )
    hosts = {
        spec.entity: _requested_host(spec, settings, tmp_path)
        for spec in ALL_SPECS
        if spec.source == "binance"
    }
    assert hosts == {
        "spot_klines": "data-api.binance.vision",
        "funding_rates": "127.0.0.1:9",
        "open_interest": "127.0.0.1:9",
        "futures_klines": "127.0.0.1:9",
    }


def test_a_missing_coinglass_key_is_missing_credentials(tmp_path: Path) -> None:
    settings = Settings.from_env({"CRW_SOURCE_MODE": "live", "CRW_DATA_DIR": str(tmp_path)})
    with pytest.raises(MissingCredentialsError, match="CRW_COINGLASS_API_KEY"):
        open_http(coinglass.LIQUIDATIONS, settings, as_of=date(2025, 11, 14), partition="x")


def test_the_sample_dir_defaults_to_the_bundled_one_and_is_exported_when_set(
    tmp_path: Path,
) -> None:
    assert Settings.from_env({}).sample_dir is None
    settings = Settings.from_env({"CRW_SAMPLE_DIR": str(tmp_path)})
    assert settings.sample_dir == tmp_path.resolve()
    assert settings.child_env()["CRW_SAMPLE_DIR"] == str(tmp_path.resolve())
    with pytest.raises(SettingsError, match="CRW_SAMPLE_DIR must be an existing directory"):
        Settings.from_env({"CRW_SAMPLE_DIR": str(tmp_path / "missing")})


def test_the_sample_window_comes_from_the_sample_dir(tmp_path: Path) -> None:
    from orchestration.runs import default_window

    assert default_window(Settings.from_env({})) == (date(2024, 1, 1), date(2025, 11, 15))
    (tmp_path / "sample.json").write_text(
        '{"window": {"start": "2018-01-01", "end": "2025-11-15"}}'
    )
    settings = Settings.from_env({"CRW_SAMPLE_DIR": str(tmp_path)})
    assert default_window(settings) == (date(2018, 1, 1), date(2025, 11, 15))
