"""Sample mode for Farside: serve the bundled flow pages as the site showed them on ``as_of``.

``sample/farside/versions.json`` lists, per asset, the bundled page versions and the as_of days
each one is served for (a version without dates is the default). Rows dated after ``as_of``
are cut, so a daily run sees the page of its day; the recent page is the full-history page cut
to its last ``RECENT_ROWS`` date rows. Footer rows are those of the bundled page (the parser
skips them anyway).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ingestion.farside.client import PAGES
from ingestion.replay import ReplayRequest, ReplayResponse, read_sample, sample_json

RECENT_ROWS = 30
_DATE_ROW = re.compile(r'^<tr><td><span class="tabletext">(\d{2} [A-Z][a-z]{2} \d{4})</span></td>')


def _versions() -> dict[str, list[dict]]:
    return sample_json("farside/versions.json")


def _page_file(asset: str, as_of: date) -> str:
    versions = _versions()[asset.lower()]
    for version in versions:
        served_from, served_to = version["served_from"], version["served_to"]
        if served_from is None:
            continue
        if date.fromisoformat(served_from) <= as_of <= date.fromisoformat(served_to):
            return version["file"]
    return next(v["file"] for v in versions if v["served_from"] is None)


def _html_as_of(asset: str, as_of: date, *, recent: bool) -> str:
    lines = read_sample(f"farside/{_page_file(asset, as_of)}").decode().split("\n")
    dated = []
    for i, line in enumerate(lines):
        match = _DATE_ROW.match(line)
        if match:
            dated.append((i, datetime.strptime(match.group(1), "%d %b %Y").date()))
    keep = [i for i, day in dated if day <= as_of]
    if recent:
        keep = keep[-RECENT_ROWS:]
    drop = {i for i, _ in dated} - set(keep)
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)


def revision_days() -> list[date]:
    """The days the served pages change: the first day each dated version is served and the
    day after it stops (a backfill fetches as of each, as a run day by day would have)."""
    days = set()
    for versions in _versions().values():
        for version in versions:
            if version["served_from"]:
                days.add(date.fromisoformat(version["served_from"]))
                days.add(date.fromisoformat(version["served_to"]) + timedelta(days=1))
    return sorted(days)


def respond(request: ReplayRequest, as_of: date) -> ReplayResponse:
    path = "/" + request.path.strip("/") + "/"
    for page in PAGES:
        if path.endswith(page.path):
            html = _html_as_of(page.asset, as_of, recent=page.kind == "recent")
            return ReplayResponse(200, html.encode(), "text/html; charset=UTF-8")
    return ReplayResponse(404, b"<html><body><h1>Page not found</h1></body></html>", "text/html")
