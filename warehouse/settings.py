"""Run-time settings: the one place the project reads its environment, when asked (never at
import). Every variable is listed in ``VARIABLES`` and in ``.env.example`` (a test keeps the two
equal), parsed and validated once by ``Settings.from_env``; every bad value is reported in one
error, one line per variable.

Other modules receive a ``Settings`` (or plain values taken from it): ingestion gets base URLs
and API keys as arguments, never from the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

DAGSTER_EVENT_BATCH_SIZE = 1000
PROJECT_DIR = Path(__file__).resolve().parents[1]
SOURCE_MODES = ("sample", "live")

# The base URL of every endpoint family, overridable for mirrors and loopback tests by
# CRW_<NAME>_BASE_URL. Binance's spot and USD-M futures APIs are separate hosts, so each has its
# own variable: a mirror for one must not move the other.
BASE_URL_NAMES = (
    "binance",
    "binance_futures",
    "bybit",
    "deribit",
    "coinglass",
    "alternative_me",
    "fred",
    "farside",
    "coingecko",
    "bls",
    "fed",
)
DEFAULT_FARSIDE_REFETCH_DAYS = 10
DEFAULT_UNIVERSE_FILE = PROJECT_DIR / "universe.yml"
DEFAULT_HTTP_READ_TIMEOUT_S = 30.0
# The engine dbt transforms on: duckdb (the warehouse file) or spark (a Spark session over the
# raw lake; README "Outgrowing one machine").
ENGINES = ("duckdb", "spark")


def base_url_variable(name: str) -> str:
    return f"CRW_{name.upper()}_BASE_URL"


VARIABLES: dict[str, str] = {
    "CRW_SOURCE_MODE": "sample (bundled payloads) or live (the real APIs)",
    "CRW_DATA_DIR": "landing zone, BI copy, reports and Dagster home",
    "CRW_DUCKDB_PATH": "the warehouse file",
    **{base_url_variable(name): f"base URL of {name}" for name in BASE_URL_NAMES},
    "CRW_COINGLASS_API_KEY": "CoinGlass API key (header only)",
    "CRW_COINGECKO_API_KEY": "CoinGecko demo API key (header only)",
    "CRW_FARSIDE_REFETCH_DAYS": "US trading days of ETF flows re-fetched on each run",
    "CRW_HTTP_READ_TIMEOUT_S": "seconds to wait for an answer before retrying (default 30)",
    "CRW_UNIVERSE_FILE": "the universe file: which assets each source fetches and the models "
    "cover (default: universe.yml in the project)",
    "CRW_SAMPLE_DIR": "sample mode: the replayed sample dir (default: the bundled "
    "ingestion/sample; e.g. one written by tools.scale)",
    "CRW_ENGINE": "the transform engine: duckdb (default) or spark",
    "CRW_LAKE_DIR": "the raw lake, Parquet partitioned by source/entity and month (default: "
    "<data dir>/lake)",
    "CRW_SPARK_MASTER": "the Spark master of --engine spark (default local[2])",
    "CRW_TODAY": "the UTC date live mode treats as today: for replaying a recorded day and "
    "fault drills (default: the system's UTC date)",
}


class SettingsError(ValueError):
    pass


class _Layered:
    """Overrides first, then the environment; only the variables asked for are read."""

    def __init__(self, first: Mapping[str, str], then: Mapping[str, str]) -> None:
        self._first = first
        self._then = then

    def get(self, name: str, default: str | None = None) -> str | None:
        if name in self._first:
            return self._first[name]
        return self._then.get(name, default)


@dataclass(frozen=True)
class Settings:
    source_mode: Literal["sample", "live"]
    data_dir: Path
    duckdb_path: Path
    # Only the overridden names; see base_url().
    base_urls: Mapping[str, str] = field(default_factory=dict)
    coinglass_api_key: str | None = field(default=None, repr=False)
    coingecko_api_key: str | None = field(default=None, repr=False)
    farside_refetch_days: int = DEFAULT_FARSIDE_REFETCH_DAYS
    # CRW_TODAY; None: the system's UTC date, read at each call of today() (a long-lived
    # process, the Dagster daemon, must see the date change).
    fixed_today: date | None = None
    http_read_timeout_s: float = DEFAULT_HTTP_READ_TIMEOUT_S
    # CRW_UNIVERSE_FILE: read (and validated) by the orchestration layer when the definitions load.
    universe_file: Path = DEFAULT_UNIVERSE_FILE
    # CRW_SAMPLE_DIR; None: the bundled sample (ingestion/sample).
    sample_dir: Path | None = None
    # CRW_ENGINE: where dbt transforms (duckdb or spark).
    engine: Literal["duckdb", "spark"] = "duckdb"
    # CRW_LAKE_DIR; None: <data dir>/lake (see lake_dir).
    lake_root: Path | None = None
    # CRW_SPARK_MASTER: the master URL of the Spark session --engine spark starts.
    spark_master: str = "local[2]"

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        overrides: Mapping[str, str | None] | None = None,
    ) -> Settings:
        """Parse ``environ`` (default: the process environment). ``overrides`` (e.g. a Dagster
        resource's fields) win over it; an overridden data dir owns its warehouse file unless
        the path is overridden too."""
        source = os.environ if environ is None else environ
        given = {k: v for k, v in (overrides or {}).items() if v}
        if "CRW_DATA_DIR" in given and "CRW_DUCKDB_PATH" not in given:
            given["CRW_DUCKDB_PATH"] = ""
        env = _Layered(given, source)
        errors: list[str] = []

        mode = env.get("CRW_SOURCE_MODE", "sample").strip().lower() or "sample"
        if mode not in SOURCE_MODES:
            errors.append(f"CRW_SOURCE_MODE must be one of {SOURCE_MODES}, got {mode!r}")

        data_dir = Path(env.get("CRW_DATA_DIR") or PROJECT_DIR / "data").expanduser().resolve()
        duckdb_path = Path(env.get("CRW_DUCKDB_PATH") or data_dir / "warehouse.duckdb")

        base_urls = {}
        for name in BASE_URL_NAMES:
            variable = base_url_variable(name)
            value = (env.get(variable) or "").strip()
            if not value:
                continue
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                errors.append(f"{variable} must be an http(s) URL, got {value!r}")
                continue
            base_urls[name] = value.rstrip("/")

        refetch_days = DEFAULT_FARSIDE_REFETCH_DAYS
        raw_days = (env.get("CRW_FARSIDE_REFETCH_DAYS") or "").strip()
        if raw_days:
            try:
                refetch_days = int(raw_days)
            except ValueError:
                errors.append(
                    f"CRW_FARSIDE_REFETCH_DAYS must be a whole number of days, got {raw_days!r}"
                )
            else:
                if refetch_days < 0:
                    errors.append(f"CRW_FARSIDE_REFETCH_DAYS must be >= 0, got {refetch_days}")

        read_timeout = DEFAULT_HTTP_READ_TIMEOUT_S
        raw_timeout = (env.get("CRW_HTTP_READ_TIMEOUT_S") or "").strip()
        if raw_timeout:
            try:
                read_timeout = float(raw_timeout)
            except ValueError:
                read_timeout = -1.0
            if not read_timeout > 0:
                errors.append(
                    f"CRW_HTTP_READ_TIMEOUT_S must be a positive number of seconds, "
                    f"got {raw_timeout!r}"
                )

        fixed_today = None
        raw_today = (env.get("CRW_TODAY") or "").strip()
        if raw_today:
            try:
                fixed_today = date.fromisoformat(raw_today)
            except ValueError:
                errors.append(f"CRW_TODAY must be an ISO date (YYYY-MM-DD), got {raw_today!r}")

        raw_universe = (env.get("CRW_UNIVERSE_FILE") or "").strip()
        universe_file = (
            Path(raw_universe).expanduser().resolve() if raw_universe else DEFAULT_UNIVERSE_FILE
        )
        if not universe_file.is_file():
            errors.append(
                f"CRW_UNIVERSE_FILE must name an existing file, got {str(universe_file)!r}"
            )
        sample_dir = None
        raw_sample_dir = (env.get("CRW_SAMPLE_DIR") or "").strip()
        if raw_sample_dir:
            sample_dir = Path(raw_sample_dir).expanduser().resolve()
            if not sample_dir.is_dir():
                errors.append(
                    f"CRW_SAMPLE_DIR must be an existing directory, got {raw_sample_dir!r}"
                )

        engine = (env.get("CRW_ENGINE") or "duckdb").strip().lower() or "duckdb"
        if engine not in ENGINES:
            errors.append(f"CRW_ENGINE must be one of {ENGINES}, got {engine!r}")
        raw_lake = (env.get("CRW_LAKE_DIR") or "").strip()
        lake_root = Path(raw_lake).expanduser().resolve() if raw_lake else None
        spark_master = (env.get("CRW_SPARK_MASTER") or "").strip() or "local[2]"

        if errors:
            raise SettingsError("bad settings:\n  " + "\n  ".join(errors))
        return cls(
            source_mode=mode,  # type: ignore[arg-type]
            data_dir=data_dir,
            duckdb_path=duckdb_path.expanduser().resolve(),
            base_urls=base_urls,
            coinglass_api_key=(env.get("CRW_COINGLASS_API_KEY") or "").strip() or None,
            coingecko_api_key=(env.get("CRW_COINGECKO_API_KEY") or "").strip() or None,
            farside_refetch_days=refetch_days,
            fixed_today=fixed_today,
            http_read_timeout_s=read_timeout,
            universe_file=universe_file,
            sample_dir=sample_dir,
            engine=engine,  # type: ignore[arg-type]
            lake_root=lake_root,
            spark_master=spark_master,
        )

    def today(self) -> date:
        """The UTC date live mode treats as today: CRW_TODAY if set (replaying a recorded day,
        fault drills), else the system's."""
        return self.fixed_today or datetime.now(UTC).date()

    def base_url(self, name: str, default: str) -> str:
        """The base URL of an endpoint family: ``CRW_<NAME>_BASE_URL`` if set, else ``default``."""
        if name not in BASE_URL_NAMES:
            raise KeyError(f"unknown base URL name {name!r}; known: {BASE_URL_NAMES}")
        return self.base_urls.get(name, default.rstrip("/"))

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
    def lake_dir(self) -> Path:
        """The raw lake: every raw load's rows as Parquet, Hive-partitioned by month
        (warehouse/lake.py); the Spark engine's sources read it."""
        return self.lake_root or self.data_dir / "lake"

    @property
    def spark_dir(self) -> Path:
        """The Spark engine's working dir: its warehouse (the tables dbt builds on Spark, as
        Parquet) and scratch; derived, rebuilt by each Spark transform."""
        return self.data_dir / "spark"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster_home"

    def dbt_vars(self) -> dict[str, str]:
        """What dbt's profile needs, passed as ``--vars``: an absolute DuckDB path (dbt-duckdb
        resolves relative paths against the working directory)."""
        return {"duckdb_path": str(self.duckdb_path)}

    def dbt_env(self) -> dict[str, str]:
        """The variables a dbt process started by hand needs to see this warehouse."""
        return {"CRW_DUCKDB_PATH": str(self.duckdb_path), "CRW_DATA_DIR": str(self.data_dir)}

    def child_env(self) -> dict[str, str]:
        """The whole environment for a child process (``crw dbt``, ``dagster dev``): this one,
        plus what it needs to see this warehouse and its run history."""
        return {**os.environ, **self._exported()}

    def export(self) -> None:
        """Point this process's Dagster instance (``DAGSTER_HOME``) and anything it starts at
        this warehouse. Called once by the ``crw`` entry point, never by an asset."""
        os.environ.update(self._exported())

    def _exported(self) -> dict[str, str]:
        return {
            **self.dbt_env(),
            "CRW_SOURCE_MODE": self.source_mode,
            "CRW_UNIVERSE_FILE": str(self.universe_file),
            "CRW_ENGINE": self.engine,
            "CRW_SPARK_MASTER": self.spark_master,
            "DAGSTER_HOME": str(self.dagster_home),
            # Dagster hands a range run's per-partition materializations of a step to the event
            # log in batches of this size, each stored in one transaction
            # (orchestration/event_storage.py); unset, it stores them one by one.
            "DAGSTER_EVENT_BATCH_SIZE": str(DAGSTER_EVENT_BATCH_SIZE),
            **({"CRW_SAMPLE_DIR": str(self.sample_dir)} if self.sample_dir else {}),
            # Only when set: otherwise a child derives it from CRW_DATA_DIR, as this process did.
            **({"CRW_LAKE_DIR": str(self.lake_root)} if self.lake_root else {}),
        }
