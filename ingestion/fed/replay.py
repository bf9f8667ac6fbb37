"""Sample mode for the Fed: serve the calendar page version that was current on ``as_of``.

Bundled versions: ``sample/fed/fomc_meetings/<effective-from>.htm``, one per calendar change.
"""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, VersionedSample

CALENDAR = VersionedSample("fed/fomc_meetings", ".htm")


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if not request.path.endswith("/monetarypolicy/fomccalendars.htm"):
        return ReplayResponse(404, b"<html><body>Page not found</body></html>", "text/html")
    version = CALENDAR.version_for(as_of)
    if version is None:
        return ReplayResponse(404, f"no calendar bundled before {as_of}".encode(), "text/plain")
    return ReplayResponse(200, CALENDAR.body(version), "text/html; charset=utf-8")
