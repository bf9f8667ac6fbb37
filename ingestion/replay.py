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
