"""Sample mode for the Fed: serve the calendar page version that was current on ``as_of``.

Bundled versions: ``sample/fed/fomc_meetings/<effective-from>.htm``, one per calendar change.
"""

from __future__ import annotations

from datetime import date
from functools import cache

from ingestion.replay import ReplayRequest, ReplayResponse, read_sample, sample_dir

FOLDER = "fed/fomc_meetings"


@cache
def versions() -> tuple[date, ...]:
    """Effective-from days of the bundled versions, oldest first."""
    return tuple(
        sorted(
            date.fromisoformat(p.name.removesuffix(".htm"))
            for p in (sample_dir() / FOLDER).glob("*.htm")
        )
    )


def version_for(as_of: date) -> date | None:
    current = [v for v in versions() if v <= as_of]
    return current[-1] if current else None


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if not request.path.endswith("/monetarypolicy/fomccalendars.htm"):
        return ReplayResponse(404, b"<html><body>Page not found</body></html>", "text/html")
    version = version_for(as_of)
    if version is None:
        return ReplayResponse(404, f"no calendar bundled before {as_of}".encode(), "text/plain")
    body = read_sample(f"{FOLDER}/{version.isoformat()}.htm")
    return ReplayResponse(200, body, "text/html; charset=utf-8")
