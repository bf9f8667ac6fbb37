"""Sample mode: a requests transport that answers from bundled wire-format payloads.

Each source's ``replay.py`` maps a request (path + query) to a response exactly as the real API
would give it (JSON arrays, HTML, CSV, ICS), so the live client code (pagination, error handling,
landing, parsing) runs unchanged. Nothing leaves the machine: the adapter is mounted for every
URL of the session.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict


@dataclass(frozen=True)
class ReplayRequest:
    path: str
    params: dict[str, str]
    headers: dict[str, str]


@dataclass(frozen=True)
class ReplayResponse:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, obj: object, status: int = 200) -> ReplayResponse:
        return cls(status, json.dumps(obj, separators=(",", ":")).encode(), "application/json")


Responder = Callable[[ReplayRequest], ReplayResponse]


def bundled_sample_dir() -> Path:
    return Path(str(resources.files("ingestion") / "sample"))


# The sample dir replays read from: None is the bundled one. Set by the orchestration layer from
# the CRW_SAMPLE_DIR setting (ingestion never reads the environment).
_sample_dir: Path | None = None


def use_sample_dir(path: Path | None) -> None:
    """Serve every replay from ``path`` (a generated sample in the bundled layout, e.g. one
    written by ``tools.scale``) or, with None, from the bundled sample. Caches key on the dir,
    so switching never serves a file of the other one."""
    global _sample_dir
    _sample_dir = Path(path).resolve() if path is not None else None


def sample_dir() -> Path:
    return _sample_dir or bundled_sample_dir()


def read_sample(relative: str) -> bytes:
    """A sample payload, transparently un-gzipped; cached because replays page through it."""
    return _read(sample_dir(), relative)


def sample_json(relative: str) -> Any:
    """A sample JSON payload, parsed once per (dir, file): replays page through it."""
    return _parsed(sample_dir(), relative)


# Bounded: a scaled sample holds hundreds of per-symbol files and a run pages through one
# symbol at a time, so only the last few need to stay parsed.
@lru_cache(maxsize=64)
def _read(root: Path, relative: str) -> bytes:
    path = root / relative
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@lru_cache(maxsize=64)
def _parsed(root: Path, relative: str) -> Any:
    path = root / relative
    data = path.read_bytes()
    return orjson.loads(gzip.decompress(data) if path.suffix == ".gz" else data)


@lru_cache(maxsize=64)
def _effective_days(root: Path, folder: str, suffix: str) -> tuple[date, ...]:
    return tuple(
        sorted(
            date.fromisoformat(p.name.removesuffix(suffix))
            for p in (root / folder).glob(f"*{suffix}")
        )
    )


@dataclass(frozen=True)
class TimedRows:
    """A sample file's rows, oldest first, with their times: a page is two bisections, not a
    scan of the whole file (a scaled sample's history is years of 8-hourly prints)."""

    rows: list
    times: list[int]

    def between(self, start: int, end: int) -> list:
        """The rows timed in [start, end], oldest first."""
        return self.rows[bisect_left(self.times, start) : bisect_right(self.times, end)]


# A generated sample's index (tools.scale): ``<dir>/recent/<file>`` holds the last weeks of
# ``<dir>/<file>``, every row from its first one on, so a daily run's page is read without
# parsing years of history.
RECENT = "recent"


def timed_rows(relative: str, key: str | int, *, start: int | None = None) -> TimedRows:
    """The rows of a JSON array sample file, sorted by ``row[key]`` (an epoch-ms number or
    numeric string); with ``start``, possibly only those from the file's recent index on, if
    that index holds every row timed at or after ``start``. Raises FileNotFoundError for a
    file the sample does not have."""
    root = sample_dir()
    if start is not None and (root / RECENT / relative).is_file():
        recent = _timed(root, f"{RECENT}/{relative}", key)
        if recent.times and recent.times[0] <= start:
            return recent
    return _timed(root, relative, key)


@lru_cache(maxsize=64)
def _timed(root: Path, relative: str, key: str | int) -> TimedRows:
    rows = sorted(_parsed(root, relative), key=lambda row: int(row[key]))
    return TimedRows(rows, [int(row[key]) for row in rows])


@dataclass(frozen=True)
class VersionedSample:
    """A bundled page kept as one file per published version, named by the day it took effect
    (``<folder>/<YYYY-MM-DD><suffix>``): on any day the replay serves the latest version
    effective by then, as the live site would have shown it."""

    folder: str
    suffix: str

    def versions(self) -> tuple[date, ...]:
        """Effective-from days of the bundled versions, oldest first."""
        return _effective_days(sample_dir(), self.folder, self.suffix)

    def version_for(self, as_of: date) -> date | None:
        current = [v for v in self.versions() if v <= as_of]
        return current[-1] if current else None

    def body(self, version: date) -> bytes:
        return read_sample(f"{self.folder}/{version.isoformat()}{self.suffix}")

    def bodies(self) -> dict[date, bytes]:
        """Every version's body by effective-from day (tests recompute what each day saw)."""
        return {version: self.body(version) for version in self.versions()}


class ReplayAdapter(BaseAdapter):
    def __init__(self, responder: Responder) -> None:
        super().__init__()
        self._responder = responder

    def send(self, request: requests.PreparedRequest, **kwargs) -> requests.Response:
        parts = urlsplit(request.url or "")
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        answer = self._responder(ReplayRequest(parts.path, params, dict(request.headers)))
        response = requests.Response()
        response.status_code = answer.status
        response._content = answer.body
        response.headers = CaseInsensitiveDict(
            {"Content-Type": answer.content_type, **answer.headers}
        )
        response.url = request.url or ""
        response.request = request
        response.reason = "replayed"
        return response

    def close(self) -> None:  # nothing to release
        pass


def mount_replay(session: requests.Session, responder: Responder) -> requests.Session:
    adapter = ReplayAdapter(responder)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
