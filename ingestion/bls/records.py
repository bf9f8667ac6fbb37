"""Pure parsing of the BLS release-schedule ICS feed (RFC 5545, stdlib only).

One row per kept release (CPI, EMPLOYMENT, PPI) per fetched schedule. ``date`` is the UTC day
of the fetch; the snapshot ingest re-dates every row with the partition day it snapshotted.
Snapshot backfills (and every sample run) parse the same unchanged feed once per day, so the
event rows, a pure function of the body, are memoised by the body's sha256 (errors never are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import polars as pl

from ingestion.batches import parsed_once_per_body
from ingestion.months import MONTH_NUMBERS
from ingestion.payloads import Payload

EASTERN = ZoneInfo("America/New_York")
# BLS writes the non-IANA ``US-Eastern``; the others are the aliases seen in ICS exports.
TZIDS = {
    "US-Eastern": EASTERN,
    "US/Eastern": EASTERN,
    "America/New_York": EASTERN,
    "EST5EDT": EASTERN,
    "Eastern Standard Time": EASTERN,
}

RAW_RELEASE_SCHEDULE_SCHEMA: dict[str, pl.DataType] = {
    "date": pl.Date(),
    "fetched_at": pl.Datetime("us", "UTC"),
    "uid": pl.String(),
    "summary": pl.String(),
    "release_type": pl.String(),
    "reference_period": pl.String(),
    "scheduled_date": pl.Date(),
    "scheduled_at_utc": pl.Datetime("us", "UTC"),
    "is_all_day": pl.Boolean(),
    "dtstart_tzid": pl.String(),
    "event_status": pl.String(),
    "dtstamp_at": pl.Datetime("us", "UTC"),
}

# What a payload determines; the fetch day is added per payload.
_EVENT_COLUMNS = {
    k: v for k, v in RAW_RELEASE_SCHEDULE_SCHEMA.items() if k not in ("date", "fetched_at")
}

_PERIOD = r"(?:\s+for\s+(?P<month>[a-z]+)(?:\s+(?P<year>\d{4}))?)?"
# Whole-title patterns: the national releases only (state, metro, regional and demographic
# releases share words with them and must not match).
RELEASE_PATTERNS: dict[str, re.Pattern[str]] = {
    "CPI": re.compile(rf"^consumer price index{_PERIOD}$"),
    "EMPLOYMENT": re.compile(rf"^(?:the\s+)?employment situation{_PERIOD}$"),
    "PPI": re.compile(rf"^producer price index{_PERIOD}$"),
}


@dataclass(frozen=True)
class Property:
    name: str
    params: dict[str, str]
    value: str


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a line starting with a space or tab continues the previous one (the one
    whitespace character is dropped)."""
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def _split_property(payload: Payload, line: str, number: int) -> Property:
    # The value starts at the first ':' outside a quoted parameter value.
    in_quotes = False
    for index, char in enumerate(line):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = line[:index], line[index + 1 :]
            break
    else:
        raise payload.error(f"line {number} has no ':' ({line[:60]!r})", field=f"line {number}")
    name, *raw_params = head.split(";")
    params: dict[str, str] = {}
    for raw in raw_params:
        key, sep, val = raw.partition("=")
        if not sep:
            raise payload.error(f"malformed parameter {raw!r}", field=name.upper())
        params[key.upper()] = val.strip('"')
    return Property(name.upper(), params, value)


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def events(payload: Payload) -> list[dict[str, Property]]:
    """Every VEVENT as {property name: property}; structure errors raise PayloadError."""
    text = payload.text()
    lines = unfold(text)
    if not lines or lines[0].strip().upper() != "BEGIN:VCALENDAR":
        raise payload.error(
            f"not an iCalendar feed; body starts {text[:80]!r}", field="BEGIN:VCALENDAR"
        )
    found: list[dict[str, Property]] = []
    current: dict[str, Property] | None = None
    depth_other = 0
    for number, line in enumerate(lines, start=1):
        prop = _split_property(payload, line, number)
        if prop.name == "BEGIN" and prop.value.upper() == "VEVENT":
            if current is not None:
                raise payload.error(f"nested VEVENT at line {number}", field="BEGIN:VEVENT")
            current = {}
        elif prop.name == "END" and prop.value.upper() == "VEVENT":
            if current is None:
                raise payload.error(
                    f"END:VEVENT without BEGIN at line {number}", field="END:VEVENT"
                )
            found.append(current)
            current = None
        elif prop.name == "BEGIN" and current is not None:
            depth_other += 1  # VALARM inside an event: ignored
        elif prop.name == "END" and current is not None and depth_other:
            depth_other -= 1
        elif current is not None and not depth_other:
            current.setdefault(prop.name, prop)
    if current is not None:
        raise payload.error("feed ends inside a VEVENT (truncated body?)", field="END:VEVENT")
    if lines[-1].strip().upper() != "END:VCALENDAR":
        raise payload.error(
            "feed does not end with END:VCALENDAR (truncated body?)", field="END:VCALENDAR"
        )
    return found


def parse_datetime(payload: Payload, prop: Property) -> tuple[date, datetime | None, str | None]:
    """(local release date, UTC instant or None for all-day, TZID) of a DTSTART/DTSTAMP."""
    value = prop.value.strip()
    field = prop.name
    try:
        if prop.params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
            return datetime.strptime(value, "%Y%m%d").date(), None, None
        if value.endswith("Z"):
            instant = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            return instant.astimezone(EASTERN).date(), instant, None
        local = datetime.strptime(value, "%Y%m%dT%H%M%S")
    except ValueError as exc:
        raise payload.error(f"unreadable date-time {value!r}", field=field) from exc
    tzid = prop.params.get("TZID")
    # A floating time (no TZID, no Z) in a BLS feed is Eastern time, like every BLS release.
    zone = TZIDS.get(tzid or "US-Eastern")
    if zone is None:
        raise payload.error(f"unknown TZID {tzid!r} (known: {', '.join(TZIDS)})", field=field)
    instant = local.replace(tzinfo=zone).astimezone(UTC)
    return local.date(), instant, tzid


def classify(summary: str) -> tuple[str, str | None] | None:
    """(release type, reference period 'YYYY-MM' or None) for a kept national release."""
    title = " ".join(summary.lower().replace("\u00a0", " ").split())
    for release_type, pattern in RELEASE_PATTERNS.items():
        match = pattern.match(title)
        if match is None:
            continue
        month, year = match.group("month"), match.group("year")
        if month is None:
            return release_type, None
        if month not in MONTH_NUMBERS:
            return None  # "... for Metropolitan Areas" and the like are other releases
        return (
            release_type,
            f"{year}-{MONTH_NUMBERS[month]:02d}" if year else f"?-{MONTH_NUMBERS[month]:02d}",
        )
    return None


def _infer_year(period: str | None, release: date) -> str | None:
    # "for September" without a year: the latest September on or before the release month.
    if period is None or not period.startswith("?-"):
        return period
    month = int(period[2:])
    year = release.year if month <= release.month else release.year - 1
    return f"{year}-{month:02d}"


def _release_rows(payload: Payload) -> pl.DataFrame:
    rows: list[dict] = []
    for index, event in enumerate(events(payload)):
        summary_prop = event.get("SUMMARY")
        if summary_prop is None:
            raise payload.error(f"VEVENT #{index + 1} has no SUMMARY", field="SUMMARY")
        summary = _unescape(summary_prop.value).strip()
        kind = classify(summary)
        if kind is None:
            continue
        start = event.get("DTSTART")
        if start is None:
            raise payload.error(f"VEVENT {summary!r} has no DTSTART", field="DTSTART")
        local_date, instant, tzid = parse_datetime(payload, start)
        stamp = event.get("DTSTAMP")
        uid = event.get("UID")
        status = event.get("STATUS")
        rows.append(
            {
                "uid": uid.value if uid else None,
                "summary": summary,
                "release_type": kind[0],
                "reference_period": _infer_year(kind[1], local_date),
                "scheduled_date": local_date,
                "scheduled_at_utc": instant,
                "is_all_day": instant is None,
                "dtstart_tzid": tzid,
                "event_status": status.value.strip().upper() if status else None,
                "dtstamp_at": parse_datetime(payload, stamp)[1] if stamp else None,
            }
        )
    if not rows:
        # The feed always lists CPI; none at all means the titles or the format drifted.
        raise payload.error(
            "no CPI, Employment Situation or PPI release in the feed", field="SUMMARY"
        )
    return pl.DataFrame(rows, schema=_EVENT_COLUMNS)


# Daily snapshots of the same page repeat byte for byte: parse each distinct body once.
parse_release_schedule = parsed_once_per_body(_release_rows, RAW_RELEASE_SCHEDULE_SCHEMA)
