"""Opening the warehouse while another process holds it: a clear error after one wait, and no
second wait for the other steps of the same run."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warehouse import connection
from warehouse.connection import WarehouseBusyError, connect

HOLDER = textwrap.dedent(
    """
    import sys, time, duckdb
    conn = duckdb.connect(sys.argv[1])
    print("HOLDING", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def held(tmp_path: Path):
    path = tmp_path / "w.duckdb"
    connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "HOLDING"
    yield path
    holder.kill()
    holder.wait()


def test_a_held_warehouse_fails_once_after_its_wait_then_fast(
    held: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "_busy_until", {})
    sleeps: list[float] = []
    real_sleep = connection.time.sleep
    monkeypatch.setattr(connection.time, "sleep", lambda s: (sleeps.append(s), real_sleep(s)))
    with pytest.raises(WarehouseBusyError, match="locked by another process") as first:
        connect(held, wait_s=0.5)
    assert sleeps, "the first open waits for the lock"
    assert "Close other DuckDB sessions" in str(first.value)
    sleeps.clear()
    with pytest.raises(WarehouseBusyError, match="after waiting 0s"):
        connect(held, wait_s=15)
    assert sleeps == [], "a later open in the same process does not wait again"


def test_once_the_holder_is_gone_the_warehouse_opens_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "_busy_until", {})
    path = tmp_path / "w.duckdb"
    connect(path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "HOLDING"
    with pytest.raises(WarehouseBusyError):
        connect(path, wait_s=0.2)
    holder.kill()
    holder.wait()
    connect(path, wait_s=5).close()
    assert str(path.resolve()) not in connection._busy_until
