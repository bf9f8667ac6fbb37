"""Sample mode for BLS: serve the schedule version that was current on ``as_of``.

The bundled versions live in ``sample/bls/release_schedule/<effective-from>.ics``, one file per
calendar change (see its MANIFEST.json). Like the real site, a request without a browser-like
User-Agent is refused with 403.
"""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, VersionedSample

SCHEDULE = VersionedSample("bls/release_schedule", ".ics")


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if not request.path.endswith("/schedule/news_release/bls.ics"):
        return ReplayResponse(404, b"<html><body>Not Found</body></html>", "text/html")
    if "Mozilla" not in request.headers.get("User-Agent", ""):
        return ReplayResponse(
            403, b"<html><head><title>Access Denied</title></head></html>", "text/html"
        )
    version = SCHEDULE.version_for(as_of)
    if version is None:
        return ReplayResponse(404, f"no schedule bundled before {as_of}".encode(), "text/plain")
    return ReplayResponse(200, SCHEDULE.body(version), "text/calendar; charset=utf-8")
