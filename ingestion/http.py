"""One HTTP client shape for every source: timeouts, bounded retries with exponential backoff
on 429/5xx that honour Retry-After, no retry on other 4xx (451 geo-block and 403 are terminal),
a descriptive User-Agent, API keys only in headers, and every final response handed to the
landing callback *before* its status is judged or its body parsed.

Transport faults are retried like a 5xx, within the same attempt and total-wait budget: a
timeout, a refused or reset connection, and a response cut mid-body (chunked stream broken,
fewer bytes than its Content-Length). A cut body is never landed or parsed: half a payload
must not pass for a short one.

The loop is tenacity's (``RetryPolicy.wait`` and ``RetryPolicy.stop`` are its strategies); the
final response, whether it succeeded, failed for good or was still failing when attempts or the
wait budget ran out, is landed and judged here, after tenacity hands it back.

In sample mode the same client runs against a replay transport (see ``replay.py`` in each source)
mounted on the session, so pagination, error handling and landing are exercised exactly as live.
"""

from __future__ import annotations

import email.utils
import functools
import http.client
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

import requests
import tenacity
import urllib3.exceptions

from ingestion.errors import FetchError, SourceBlockedError
from ingestion.payloads import Payload

log = logging.getLogger("crw.ingestion.http")

USER_AGENT = "crypto-risk-warehouse/0.1 (daily risk warehouse; python-requests)"
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
BLOCKED_STATUSES = frozenset({403, 451})


class BodyCutError(requests.RequestException):
    """The response ended before its Content-Length: the connection dropped mid-body."""


# Raised by requests/urllib3 when the connection drops while the body is read (urllib3 enforces
# Content-Length; requests wraps the break in ChunkedEncodingError; raw IncompleteRead and
# ProtocolError can surface from adapters that read the stream themselves).
BODY_CUT_ERRORS = (
    BodyCutError,
    requests.exceptions.ChunkedEncodingError,
    urllib3.exceptions.ProtocolError,
    http.client.IncompleteRead,
)
TRANSIENT_ERRORS = (requests.Timeout, requests.ConnectionError, *BODY_CUT_ERRORS)


def _fault_kind(exc: BaseException) -> str:
    if isinstance(exc, BODY_CUT_ERRORS):
        return "body cut mid-stream"
    return "timed out" if isinstance(exc, requests.Timeout) else "connection failed"


def check_complete(response: requests.Response) -> None:
    """Raise BodyCutError when fewer bytes arrived than the response declared (checked on the
    identity encoding only: a compressed body's length is that of the bytes on the wire)."""
    declared = response.headers.get("Content-Length", "").strip()
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    if not declared.isdigit() or encoding not in ("", "identity"):
        return
    received = len(response.content)
    if received < int(declared):
        raise BodyCutError(f"received {received} of {declared} declared bytes")


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    backoff_base_s: float = 1.0
    backoff_max_s: float = 30.0
    # Bounds the sum of all sleeps, whatever Retry-After says (Binance can ask for minutes).
    max_total_wait_s: float = 120.0

    def delay(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return max(0.0, retry_after)
        return min(self.backoff_max_s, self.backoff_base_s * 2 ** (attempt - 1))

    def wait(self, state: tenacity.RetryCallState) -> float:
        """tenacity ``wait``: the server's Retry-After when the answer carries one, else
        exponential backoff."""
        outcome = state.outcome
        retry_after = None
        if outcome is not None and not outcome.failed:
            retry_after = parse_retry_after(outcome.result().headers.get("Retry-After"))
        return self.delay(state.attempt_number, retry_after)

    def stop(self, state: tenacity.RetryCallState) -> bool:
        """tenacity ``stop``: out of attempts, or the coming sleep would overrun the budget
        (tenacity computes the sleep before asking, and ``idle_for`` sums the sleeps so far)."""
        return (
            state.attempt_number >= self.max_attempts
            or state.idle_for + state.upcoming_sleep > self.max_total_wait_s
        )


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass
class SourceHttp:
    """HTTP access to one source. ``on_response`` lands each final response and returns it with
    its landing path; ``received`` keeps every payload so the caller can log them all, even when
    a later page fails."""

    source: str
    base_url: str
    session: requests.Session
    timeout_s: tuple[float, float] = (5.0, 30.0)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    secret_headers: Mapping[str, str] = field(default_factory=dict)
    on_response: Callable[[Payload], Payload] | None = None
    sleep: Callable[[float], None] = time.sleep
    # When a response counts as fetched (sample mode replays a simulated day).
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    received: list[Payload] = field(default_factory=list)

    def get(
        self,
        endpoint: str,
        path: str,
        params: Mapping[str, str | int] | None = None,
    ) -> Payload:
        query = {k: str(v) for k, v in (params or {}).items() if v is not None}
        url = f"{self.base_url}/{path.lstrip('/')}"
        shown_url = f"{url}?{urlencode(query)}" if query else url

        def send() -> requests.Response:
            response = self.session.get(
                url, params=query, headers=dict(self.secret_headers), timeout=self.timeout_s
            )
            check_complete(response)
            return response

        def give_up(state: tenacity.RetryCallState) -> requests.Response:
            # Out of attempts or wait budget: a transport fault ends the fetch here; the last
            # response of a retryable status is landed and judged like any final response.
            outcome = state.outcome  # set: tenacity gives up only after an attempt
            exc = outcome.exception() if outcome.failed else None
            if exc is not None:
                raise FetchError(
                    f"GET {shown_url} {_fault_kind(exc)} after {state.attempt_number} "
                    f"attempts: {exc}",
                    source=self.source,
                    endpoint=endpoint,
                ) from exc
            return outcome.result()

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type(TRANSIENT_ERRORS)
            | tenacity.retry_if_result(lambda r: r.status_code in RETRYABLE_STATUSES),
            wait=self.retry.wait,
            stop=self.retry.stop,
            sleep=self.sleep,
            before_sleep=functools.partial(_log_retry, f"{self.source}/{endpoint}"),
            retry_error_callback=give_up,
        )
        response = retrying(send)
        attempt = retrying.statistics["attempt_number"]

        status = response.status_code
        payload = Payload(
            source=self.source,
            endpoint=endpoint,
            url=url,
            params=query,
            status=status,
            body=response.content,
            content_type=response.headers.get("Content-Type", "application/octet-stream"),
            fetched_at=self.clock(),
        )
        if self.on_response is not None:
            payload = self.on_response(payload)
        self.received.append(payload)
        if 200 <= status < 300:
            return payload
        snippet = response.content[:160].decode("utf-8", "replace")
        error_type = SourceBlockedError if status in BLOCKED_STATUSES else FetchError
        hint = {
            451: "geo-blocked (HTTP 451): this host may not call the API; "
            "use another venue or a mirror",
            403: "refused (HTTP 403): blocked by the site or its WAF",
        }.get(status, f"HTTP {status}")
        raise error_type(
            f"GET {shown_url} -> {hint} after {attempt} attempt(s); body starts {snippet!r}",
            status=status,
            source=self.source,
            endpoint=endpoint,
            landing_path=payload.landing_path,
        )


def _log_retry(where: str, state: tenacity.RetryCallState) -> None:
    outcome = state.outcome
    if outcome is not None and outcome.failed:
        what = _fault_kind(outcome.exception())
    else:
        what = f"HTTP {outcome.result().status_code}" if outcome is not None else "?"
    log.warning(
        "%s: %s (attempt %d), retrying in %.1fs",
        where,
        what,
        state.attempt_number,
        state.upcoming_sleep,
    )


def new_session(*, user_agent: str = USER_AGENT) -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = user_agent
    session.headers["Accept-Encoding"] = "gzip, deflate"
    return session
