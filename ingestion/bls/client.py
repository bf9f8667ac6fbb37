"""BLS HTTP call: the release-schedule ICS feed, as one payload."""

from __future__ import annotations

from datetime import date

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://www.bls.gov"
SCHEDULE_PATH = "/schedule/news_release/bls.ics"
# BLS's WAF answers 403 to non-browser User-Agents; this one is browser-like but still says who
# we are.
USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 crypto-risk-warehouse/0.1"
)


def fetch_release_schedule(http: SourceHttp, start: date, end: date) -> list[Payload]:
    """The whole current schedule (the feed takes no parameters); ``start``/``end`` only name the
    snapshot day(s) the caller is filling."""
    return [http.get("release_schedule", SCHEDULE_PATH)]
