"""Sample mode: a requests transport that answers from bundled wire-format payloads.

Each source's ``replay.py`` maps a request (path + query) to a response exactly as the real API
would give it (JSON arrays, HTML, CSV, ICS), so the live client code (pagination, error handling,
landing, parsing) runs unchanged. Nothing leaves the machine: the adapter is mounted for every
URL of the session.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

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


def sample_dir() -> Path:
    return Path(str(resources.files("ingestion") / "sample"))


@cache
def read_sample(relative: str) -> bytes:
    """A bundled payload, transparently un-gzipped; cached because replays page through it."""
    path = sample_dir() / relative
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@cache
def _effective_days(folder: str, suffix: str) -> tuple[date, ...]:
    return tuple(
        sorted(
            date.fromisoformat(p.name.removesuffix(suffix))
            for p in (sample_dir() / folder).glob(f"*{suffix}")
        )
    )


@dataclass(frozen=True)
class VersionedSample:
    """A bundled page kept as one file per published version, named by the day it took effect
    (``<folder>/<YYYY-MM-DD><suffix>``): on any day the replay serves the latest version
    effective by then, as the live site would have shown it."""

    folder: str
    suffix: str

    def versions(self) -> tuple[date, ...]:
        """Effective-from days of the bundled versions, oldest first."""
        return _effective_days(self.folder, self.suffix)

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
