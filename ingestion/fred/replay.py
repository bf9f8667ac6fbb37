"""Sample mode for FRED: serve the bundled series as fredgraph.csv cuts them by cosd/coed."""

from __future__ import annotations

from datetime import date

from ingestion.replay import ReplayRequest, ReplayResponse, read_sample

_NOT_FOUND_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Error - FRED</title></head>"
    b"<body><h1>Error</h1><p>Series not found.</p></body></html>\n"
)


def sample_file(series_id: str) -> str:
    return f"fred/observations/{series_id}.csv"


def _lines(series_id: str) -> tuple[str, list[str]] | None:
    if not series_id.isalnum():
        return None
    try:
        text = read_sample(sample_file(series_id)).decode()
    except FileNotFoundError:
        return None
    header, *rows = text.splitlines()
    return header, rows


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if not request.path.endswith("/graph/fredgraph.csv"):
        return ReplayResponse(404, _NOT_FOUND_PAGE, "text/html; charset=UTF-8")
    found = _lines(request.params.get("id", ""))
    if found is None:
        return ReplayResponse(404, _NOT_FOUND_PAGE, "text/html; charset=UTF-8")
    header, rows = found
    try:
        start = date.fromisoformat(request.params.get("cosd", "1776-07-04"))
        end = min(date.fromisoformat(request.params.get("coed", "9999-12-31")), as_of)
    except ValueError:
        return ReplayResponse(400, _NOT_FOUND_PAGE, "text/html; charset=UTF-8")
    lo, hi = start.isoformat(), end.isoformat()
    kept = [row for row in rows if lo <= row[:10] <= hi]
    body = "\n".join([header, *kept]) + "\n"
    return ReplayResponse(200, body.encode(), "text/csv; charset=UTF-8")
