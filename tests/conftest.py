"""Shared fixtures. No test touches the network: HTTP goes through `responses` or the replay
transport, and every warehouse is a real DuckDB file under pytest's tmp dirs."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest
from sample_env import sample_environment, step_failures

from warehouse.settings import Settings


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        help="rewrite tests/orchestration/definitions_snapshot.json from the current definitions",
    )


# The order `make test`'s workers take modules in (pytest-xdist, whole modules per worker): the
# longest (the Spark group's run, ~4 minutes, after the sample run it compares with) first, so
# it starts at once on one worker; then the modules that do not read the sample run, which the
# other workers go through while it is being made; then the rest.
FIRST_MODULES = ("tests/spark/test_spark_engine.py",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        if item.nodeid.startswith(FIRST_MODULES):
            return 0
        return 2 if "sample_run" in getattr(item, "fixturenames", ()) else 1

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real socket connection attempt fails the test loudly."""
    import socket

    real_connect = socket.socket.connect

    def guarded(sock, address):  # pragma: no cover - only hit by a faulty test
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1")):
            return real_connect(sock, address)
        if isinstance(address, str | bytes):  # unix sockets (dagster, duckdb internals)
            return real_connect(sock, address)
        raise RuntimeError(f"test tried to reach the network: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Sample-mode settings pointing at a fresh data dir."""
    monkeypatch.setenv("CRW_SOURCE_MODE", "sample")
    monkeypatch.setenv("CRW_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CRW_DUCKDB_PATH", raising=False)
    monkeypatch.delenv("CRW_LAKE_DIR", raising=False)
    return Settings.from_env()


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The whole pipeline run once on the bundled sample (through Dagster and dbt, exactly as
    `crw run` does) into a temp data dir; end-to-end tests read its marts (a test that writes
    works on a copy). The environment is restored as soon as the run is over, so no other test
    sees its settings. Under `make test`'s workers the run is made once, by the first worker
    that asks, and the others wait for it and read the same data dir."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _run_sample(tmp_path_factory.mktemp("sample_run") / "data")
    shared = tmp_path_factory.getbasetemp().parent / "sample_run"  # the session's, every worker's
    shared.mkdir(exist_ok=True)
    outcome = shared / "outcome.txt"
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not outcome.exists():
            try:
                _run_sample(shared / "data")
            except BaseException as exc:
                outcome.write_text(f"{type(exc).__name__}: {exc}")
                raise
            outcome.write_text("")
    if failure := outcome.read_text():
        pytest.fail(f"the sample pipeline run failed in another worker:\n{failure}")
    with sample_environment(shared / "data") as settings:
        return settings


def _run_sample(data_dir: Path) -> Settings:
    from orchestration import runs

    with sample_environment(data_dir) as settings:
        runs.prepare_environment(settings)
        runs.prepare_dbt()
        start, end = runs.default_window(settings)
        results = runs.run_pipeline(settings, start, end, quiet=True)
    failures = step_failures(results)
    if failures or not all(r.success for r in results):
        pytest.fail("sample pipeline run failed:\n" + "\n".join(failures))
    return settings


@pytest.fixture(scope="session")
def marts(sample_run: Settings):
    """A read-only connection to the sample run's warehouse."""
    from warehouse.connection import connect

    conn = connect(sample_run.duckdb_path, read_only=True)
    yield conn
    conn.close()
