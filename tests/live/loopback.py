"""A loopback HTTP server on 127.0.0.1 that answers every source's real API shapes with the
bundled recorded payloads, and injects faults: the fault drills of live mode.

Each base-URL name (``warehouse.settings.BASE_URL_NAMES``) is mounted under its own path prefix,
``/binance``, ``/binance_futures``, ``/bybit``, ..., and served by that source's sample replay
(``ingestion.<source>.replay.respond``) as of one recorded day, so pointing
``CRW_<NAME>_BASE_URL`` at ``http://127.0.0.1:PORT/<name>`` (``LoopbackServer.environment()``)
moves every source there. A ``Fault`` replaces or damages the answers to the requests it matches
(base-URL name, path suffix, query parameters), for its first ``times`` requests or for all.

By hand, against a real ``crw run`` (from the project directory)::

    .venv/bin/python -m tests.live.loopback --as-of 2025-11-15 --port 8765 \\
        --fault binance:/api/v3/klines:symbol=ETHUSDT:451
    # prints the variables to export, then serves until Ctrl-C; in another shell:
    CRW_SOURCE_MODE=live CRW_TODAY=2025-11-16 CRW_DATA_DIR=/tmp/drill <the printed variables> \\
        .venv/bin/crw run --start 2025-11-15 --end 2025-11-15
"""

from __future__ import annotations

import argparse
import importlib
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from ingestion.replay import ReplayRequest, ReplayResponse
from warehouse.settings import BASE_URL_NAMES, base_url_variable

DUMMY_API_KEYS = {"CRW_COINGLASS_API_KEY": "loopback-key", "CRW_COINGECKO_API_KEY": "loopback-key"}


def replay_module(name: str) -> str:
    """The source whose replay serves a base-URL name (Binance's futures host is Binance's)."""
    return "binance" if name == "binance_futures" else name


# How one answer is damaged: the recorded answer in, what is sent out.
Damage = Callable[[ReplayResponse], "Reply"]


@dataclass(frozen=True)
class Reply:
    """What the server sends: a response, cut after ``cut_at`` body bytes (the declared
    Content-Length stays the full one, then the connection closes), after ``delay_s``."""

    response: ReplayResponse
    cut_at: int | None = None
    delay_s: float = 0.0


@dataclass(frozen=True)
class Fault:
    """Damage the answers of base-URL ``name`` to requests whose path ends with ``path`` and
    whose query has ``params``; the first ``times`` of them, or every one (None)."""

    name: str
    path: str
    damage: Damage
    params: Mapping[str, str] = field(default_factory=dict)
    times: int | None = None
    label: str = ""

    def matches(self, name: str, path: str, params: Mapping[str, str]) -> bool:
        return (
            name == self.name
            and path.endswith(self.path)
            and all(params.get(k) == v for k, v in self.params.items())
        )


# The damages of the fault list.


def status(code: int, body: bytes = b"", *, retry_after: str | None = None) -> Damage:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return lambda answer: Reply(ReplayResponse(code, body, "application/json", headers))


def body(new_body: bytes, content_type: str | None = None) -> Damage:
    """A 200 answer with another body (an error body, malformed JSON, an empty answer)."""
    return lambda answer: Reply(
        ReplayResponse(200, new_body, content_type or answer.content_type, answer.headers)
    )


def json_edit(edit: Callable[[object], object]) -> Damage:
    """A 200 answer whose JSON is edited (``data: []``, a repeated or conflicting record)."""

    def damage(answer: ReplayResponse) -> Reply:
        edited = json.dumps(edit(json.loads(answer.body)), separators=(",", ":")).encode()
        return Reply(ReplayResponse(answer.status, edited, answer.content_type, answer.headers))

    return damage


def truncated(keep: Callable[[bytes], bytes]) -> Damage:
    """A body that ends early but says so honestly (Content-Length of what is sent): the
    server stopped writing, e.g. a CSV cut after ``2025-11-14,``."""
    return lambda answer: Reply(
        ReplayResponse(answer.status, keep(answer.body), answer.content_type, answer.headers)
    )


def cut_mid_body(answer: ReplayResponse) -> Reply:
    """The connection drops halfway through the declared body."""
    return Reply(answer, cut_at=len(answer.body) // 2)


def slow(delay_s: float) -> Damage:
    """The answer comes after ``delay_s`` (longer than the client's read timeout)."""
    return lambda answer: Reply(answer, delay_s=delay_s)


@dataclass(frozen=True)
class Served:
    name: str
    path: str
    params: dict[str, str]
    status: int
    fault: str | None


class LoopbackServer:
    """The server, in a daemon thread; ``faults`` can be changed between runs."""

    def __init__(self, as_of: date, *, port: int = 0) -> None:
        self.as_of = as_of
        self.faults: list[Fault] = []
        self.served: list[Served] = []
        self._hits: dict[int, int] = {}
        self._lock = threading.Lock()
        self._responders = {
            name: importlib.import_module(f"ingestion.{replay_module(name)}.replay").respond
            for name in BASE_URL_NAMES
        }
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"

    def environment(self) -> dict[str, str]:
        """``CRW_<NAME>_BASE_URL`` for every base-URL name, and dummy API keys."""
        return {
            **{base_url_variable(name): self.url(name) for name in BASE_URL_NAMES},
            **DUMMY_API_KEYS,
        }

    def set_faults(self, *faults: Fault) -> None:
        with self._lock:
            self.faults = list(faults)
            self._hits = {}
            self.served = []

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, raw_path: str, headers: Mapping[str, str]) -> tuple[Reply, Served]:
        parts = urlsplit(raw_path)
        name, _, rest = parts.path.lstrip("/").partition("/")
        params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        path = "/" + rest
        responder = self._responders.get(name)
        if responder is None:
            recorded = ReplayResponse(404, b'{"error":"no such base URL name"}')
        else:
            recorded = responder(ReplayRequest(path, params, dict(headers)), as_of=self.as_of)
        reply, label = Reply(recorded), None
        with self._lock:
            for index, fault in enumerate(self.faults):
                if not fault.matches(name, path, params):
                    continue
                hits = self._hits.get(index, 0)
                if fault.times is not None and hits >= fault.times:
                    continue
                self._hits[index] = hits + 1
                reply, label = fault.damage(recorded), fault.label or fault.path
                break
            served = Served(name, path, params, reply.response.status, label)
            self.served.append(served)
        return reply, served

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                reply, _ = server.answer(self.path, dict(self.headers.items()))
                if reply.delay_s:
                    time.sleep(reply.delay_s)
                response = reply.response
                self.send_response(response.status)
                self.send_header("Content-Type", response.content_type)
                for key, value in response.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(response.body)))
                if reply.cut_at is not None:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    self.wfile.write(response.body[: reply.cut_at])
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    pass
                if reply.cut_at is not None:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        return Handler


@contextmanager
def serving(as_of: date, *, port: int = 0) -> Iterator[LoopbackServer]:
    server = LoopbackServer(as_of, port=port).start()
    try:
        yield server
    finally:
        server.stop()


# The command line: faults as NAME:PATH_SUFFIX[:KEY=VALUE[,KEY=VALUE]]:KIND.
_KINDS: dict[str, Callable[[], tuple[Damage, int | None]]] = {
    "429": lambda: (status(429, b'{"code":-1003}', retry_after="1"), 1),
    "503": lambda: (status(503, b"Service Unavailable"), 1),
    "451": lambda: (status(451, b'{"code":0,"msg":"restricted location"}'), None),
    "403": lambda: (status(403, b"<html>Forbidden</html>"), None),
    "error_body": lambda: (body(b'{"code":-1121,"msg":"Invalid symbol."}'), None),
    "malformed": lambda: (body(b'{"data": [oops'), None),
    "cut": lambda: (cut_mid_body, 1),
    "empty": lambda: (body(b"[]"), None),
    "timeout": lambda: (slow(3.0), 1),
}


def parse_fault(text: str) -> Fault:
    name, path, *middle, kind = text.split(":")
    params = dict(pair.split("=", 1) for item in middle for pair in item.split(",") if pair)
    if kind not in _KINDS:
        raise argparse.ArgumentTypeError(f"unknown fault kind {kind!r}; known: {sorted(_KINDS)}")
    damage, times = _KINDS[kind]()
    return Fault(name, path, damage, params=params, times=times, label=kind)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2025, 11, 15))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--fault", type=parse_fault, action="append", default=[])
    args = parser.parse_args(argv)
    with serving(args.as_of, port=args.port) as server:
        server.set_faults(*args.fault)
        for key, value in server.environment().items():
            print(f"export {key}={value}")
        print(f"# serving the sample as of {args.as_of} since {datetime.now(UTC):%H:%M:%S} UTC")
        try:
            while True:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
