"""``crw ui``: ``dagster dev`` on the project's workspace and the warehouse's run history, as a
child in its own process group, so that Ctrl-C or SIGTERM to ``crw ui`` stops the webserver,
the daemon and the code servers with it (none of them outlives the command)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from types import FrameType

from warehouse.settings import PROJECT_DIR, Settings

STOP_GRACE_S = 5.0


def dagster_dev_command(host: str, port: int) -> list[str]:
    dagster = Path(sys.executable).with_name("dagster")
    workspace = PROJECT_DIR / "workspace.yaml"
    return [str(dagster), "dev", "-w", str(workspace), "-h", host, "-p", str(port)]


def stop_group(child: subprocess.Popen) -> None:
    """SIGTERM the child's whole process group, then SIGKILL whatever is left after a grace."""
    for sig, wait in ((signal.SIGTERM, STOP_GRACE_S), (signal.SIGKILL, 2.0)):
        try:
            os.killpg(child.pid, sig)
        except ProcessLookupError:
            return
        try:
            child.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # the leader is gone; members of its group may still be shutting down
        try:
            os.killpg(child.pid, 0)
        except ProcessLookupError:
            return


def serve(settings: Settings, host: str, port: int) -> int:
    env = settings.child_env()
    # dagster dev finds dbt (dagster-dbt's prepare_if_dev) on PATH: the venv's first.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    child = subprocess.Popen(
        dagster_dev_command(host, port), cwd=PROJECT_DIR, env=env, start_new_session=True
    )

    def _stop(signum: int, _frame: FrameType | None) -> None:
        stop_group(child)
        raise SystemExit(128 + signum)

    previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return child.wait()
    finally:
        stop_group(child)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
