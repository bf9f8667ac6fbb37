"""Run-time settings, read from the environment when asked for (never at import).

| variable | meaning | default |
|---|---|---|
| CRW_SOURCE_MODE | ``sample`` replays bundled payloads, ``live`` calls the APIs | sample |
| CRW_DATA_DIR | landing zone, BI copy, reports, Dagster home | <project>/data |
| CRW_DUCKDB_PATH | the warehouse file (made absolute) | <data dir>/warehouse.duckdb |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

PROJECT_DIR = Path(__file__).resolve().parents[1]
SOURCE_MODES = ("sample", "live")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    source_mode: Literal["sample", "live"]
    data_dir: Path
    duckdb_path: Path

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        mode = env.get("CRW_SOURCE_MODE", "sample").strip().lower()
        if mode not in SOURCE_MODES:
            raise SettingsError(f"CRW_SOURCE_MODE must be one of {SOURCE_MODES}, got {mode!r}")
        data_dir = Path(env.get("CRW_DATA_DIR") or PROJECT_DIR / "data").expanduser().resolve()
        duckdb_path = Path(env.get("CRW_DUCKDB_PATH") or data_dir / "warehouse.duckdb")
        return cls(mode, data_dir, duckdb_path.expanduser().resolve())  # type: ignore[arg-type]

    @property
    def landing_dir(self) -> Path:
        return self.data_dir / "landing"

    @property
    def bi_dir(self) -> Path:
        return self.data_dir / "bi"

    @property
    def reports_dir(self) -> Path:
        return self.data_dir / "reports"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster_home"

    def dbt_env(self) -> dict[str, str]:
        """What dbt's profile needs: an absolute DuckDB path (dbt-duckdb resolves relative
        paths against the working directory)."""
        return {"CRW_DUCKDB_PATH": str(self.duckdb_path), "CRW_DATA_DIR": str(self.data_dir)}
