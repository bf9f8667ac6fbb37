"""Federal Reserve HTTP call: the FOMC calendar page, as one payload."""

from __future__ import annotations

from datetime import date

from ingestion.http import SourceHttp
from ingestion.payloads import Payload

BASE_URL = "https://www.federalreserve.gov"
CALENDAR_PATH = "/monetarypolicy/fomccalendars.htm"


def fetch_fomc_meetings(http: SourceHttp, start: date, end: date) -> list[Payload]:
    """The whole current calendar page; ``start``/``end`` only name the snapshot day(s)."""
    return [http.get("fomc_meetings", CALENDAR_PATH)]
