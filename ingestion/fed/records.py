"""Pure parsing of the FOMC calendar page (stdlib ``html.parser``; no HTML library is installed).

One row per scheduled meeting per fetched page. ``date`` is the UTC day of the fetch; the
snapshot ingest re-dates every row with the partition day it snapshotted. Rows are a pure
function of the body and memoised by its sha256 (snapshot backfills parse the same page daily).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser

import polars as pl

from ingestion.batches import parsed_once_per_body
from ingestion.months import MONTH_ABBREVIATIONS, MONTH_NUMBERS
from ingestion.payloads import Payload

RAW_FOMC_MEETINGS_SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(),
    "fetched_at": pl.Datetime("us", "UTC"),
    "panel_year": pl.Int32(),
    "month_label": pl.String(),
    "date_label": pl.String(),
    "meeting_start_date": pl.Date(),
    "decision_date": pl.Date(),
    "has_projections": pl.Boolean(),
    "minutes_release_date": pl.Date(),
}

# What a payload determines; the fetch day is added per payload.
_MEETING_COLUMNS = {
    k: v for k, v in RAW_FOMC_MEETINGS_SCHEMA.items() if k not in ("date", "fetched_at")
}

_MONTHS = {**MONTH_NUMBERS, **MONTH_ABBREVIATIONS, "sept": 9}
_VOID = frozenset(
    {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base"}
)
_YEAR_HEADING = re.compile(r"(\d{4})\s+FOMC\s+Meetings", re.IGNORECASE)
_SKIPPED = re.compile(r"notation vote|unscheduled|conference call", re.IGNORECASE)
_DAYS = re.compile(r"^(\d{1,2})(?:\s*[-\u2013]\s*(\d{1,2}))?(\*?)$")
_RELEASED = re.compile(r"Released\s+([A-Za-z]+)\.?\s+(\d{1,2}),\s*(\d{4})")


@dataclass
class MeetingRow:
    year: int | None
    month: list[str] = field(default_factory=list)
    days: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)


class _CalendarParser(HTMLParser):
    """Collects year headings and ``div.fomc-meeting`` rows with their month/date/text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, frozenset[str]]] = []
        self.year: int | None = None
        self.years: list[int] = []
        self.meetings: list[MeetingRow] = []
        self._meeting_depth: int | None = None
        self._in_heading = False
        self._heading: list[str] = []

    def _classes(self) -> set[str]:
        return {c for _, classes in self.stack for c in classes}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        classes = frozenset((dict(attrs).get("class") or "").split())
        self.stack.append((tag, classes))
        if tag == "div" and "fomc-meeting" in classes and self._meeting_depth is None:
            self._meeting_depth = len(self.stack)
            self.meetings.append(MeetingRow(self.year))
        if tag in ("h4", "h3", "h5"):
            self._in_heading, self._heading = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return  # stray end tag: ignored like a browser would
        while self.stack:
            open_tag, _ = self.stack.pop()
            if self._meeting_depth is not None and len(self.stack) < self._meeting_depth:
                self._meeting_depth = None
            if open_tag in ("h4", "h3", "h5") and self._in_heading:
                self._in_heading = False
                match = _YEAR_HEADING.search(" ".join(self._heading))
                if match:
                    self.year = int(match.group(1))
                    self.years.append(self.year)
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._heading.append(data)
        if self._meeting_depth is None:
            return
        meeting = self.meetings[-1]
        meeting.text.append(data)
        classes = self._classes()
        if "fomc-meeting__month" in classes:
            meeting.month.append(data)
        elif "fomc-meeting__date" in classes:
            meeting.days.append(data)


def _month_number(payload: Payload, name: str, *, label: str) -> int:
    number = _MONTHS.get(name.strip().lower().rstrip("."))
    if number is None:
        raise payload.error(f"unknown month {name!r} in {label!r}", field="fomc-meeting__month")
    return number


def _released(payload: Payload, text: str) -> date | None:
    match = _RELEASED.search(text)
    if match is None:
        return None
    month = _month_number(payload, match.group(1), label=match.group(0))
    try:
        return date(int(match.group(3)), month, int(match.group(2)))
    except ValueError as exc:
        raise payload.error(f"impossible minutes date {match.group(0)!r}", field="minutes") from exc


def meeting_dates(
    payload: Payload, year: int, month_label: str, date_label: str
) -> tuple[date, date, bool]:
    """(first day, decision day = last day, has SEP) of one scheduled meeting row."""
    months = [_month_number(payload, m, label=month_label) for m in month_label.split("/")]
    if len(months) > 2:
        raise payload.error(f"more than two months in {month_label!r}", field="fomc-meeting__month")
    match = _DAYS.match(" ".join(date_label.split()))
    if match is None:
        raise payload.error(f"unreadable meeting days {date_label!r}", field="fomc-meeting__date")
    first_day = int(match.group(1))
    last_day = int(match.group(2) or first_day)
    start_month, end_month = months[0], months[-1]
    # "Apr/May 30-1": starts in the first month, the decision is on the last day, in the second.
    end_year = year + 1 if end_month < start_month else year
    try:
        start = date(year, start_month, first_day)
        end = date(end_year, end_month, last_day)
    except ValueError as exc:
        raise payload.error(
            f"impossible date {month_label} {date_label}", field="fomc-meeting__date"
        ) from exc
    if end < start:
        raise payload.error(
            f"meeting ends before it starts: {month_label} {date_label}", field="fomc-meeting__date"
        )
    return start, end, match.group(3) == "*"


def _meeting_rows(payload: Payload) -> pl.DataFrame:
    parser = _CalendarParser()
    parser.feed(payload.html_text())
    parser.close()
    if not parser.years:
        raise payload.error(
            "no '<YYYY> FOMC Meetings' year panel found (layout drift?)", field="h4"
        )
    if not parser.meetings:
        raise payload.error("no div.fomc-meeting rows found (layout drift?)", field="fomc-meeting")
    rows: list[dict] = []
    for meeting in parser.meetings:
        month_label = " ".join("".join(meeting.month).split())
        date_label = " ".join("".join(meeting.days).split())
        if meeting.year is None:
            raise payload.error(
                f"meeting {month_label} {date_label} precedes any year heading", field="h4"
            )
        if not month_label or not date_label:
            raise payload.error(
                f"{meeting.year} meeting row without month or date "
                f"({month_label!r}, {date_label!r})",
                field="fomc-meeting__month" if not month_label else "fomc-meeting__date",
            )
        if _SKIPPED.search(date_label) or _SKIPPED.search(month_label):
            continue
        start, decision, has_projections = meeting_dates(
            payload, meeting.year, month_label, date_label
        )
        rows.append(
            {
                "panel_year": meeting.year,
                "month_label": month_label,
                "date_label": date_label,
                "meeting_start_date": start,
                "decision_date": decision,
                "has_projections": has_projections,
                "minutes_release_date": _released(payload, " ".join(meeting.text)),
            }
        )
    if not rows:
        raise payload.error(
            "every meeting row was skipped: no scheduled meeting", field="fomc-meeting"
        )
    return pl.DataFrame(rows, schema=_MEETING_COLUMNS)


# Daily snapshots of the same page repeat byte for byte: parse each distinct body once.
parse_fomc_meetings = parsed_once_per_body(_meeting_rows, RAW_FOMC_MEETINGS_SCHEMA)
