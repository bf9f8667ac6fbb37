"""`crw ui` starts `dagster dev` on the project's workspace, and SIGTERM to `crw ui` leaves no
process of it behind (webserver, daemon, code servers)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from process_tree import alive, descendants

CRW = Path(sys.executable).with_name("crw")
STARTUP_S = 240


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.end_to_end
def test_sigterm_stops_crw_ui_and_every_process_it_started(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "CRW_SOURCE_MODE": "sample",
        "CRW_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("CRW_DUCKDB_PATH", None)
    log = (tmp_path / "ui.log").open("w")
    ui = subprocess.Popen(
        [str(CRW), "ui", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/server_info", timeout=2):
                    break
            except OSError:
                assert ui.poll() is None, (tmp_path / "ui.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "the Dagster UI did not come up"
                time.sleep(1)
        started = descendants(ui.pid)
        assert len(started) >= 2  # dagster dev and at least its webserver
        ui.send_signal(signal.SIGTERM)
        ui.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in started) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [pid for pid in started if alive(pid)] == []
    finally:
        if ui.poll() is None:
            ui.kill()
        for pid in descendants(ui.pid):
            os.kill(pid, signal.SIGKILL)
        log.close()
