"""Build the bundled FOMC calendar page versions from ``macro_calendar/`` (developers only).

Versions (``sample/fed/fomc_meetings/<effective-from>.htm``), in the page's wire format
(``div.panel`` per year, ``div.fomc-meeting`` rows, ``*`` and the shaded class for SEP meetings):

- 2024-01-01: panels 2024 then 2025 (the 2025 panel is there from the start: the day the Fed
  posted the 2025 schedule is not in the source folder), no minutes released yet.
- 2025-01-08 (the day the December 2024 minutes came out): panels 2025 then 2024 (current year
  first: not chronological), every 2024 meeting showing "(Released <date>)" for its minutes.
- 2025-10-08 (the day the September 2025 minutes came out): 2025 minutes through September.

Minutes dates therefore appear on the page in two batches rather than on each release day (a
sample simplification; the dates themselves are the compiled real ones). Meeting and decision
dates, SEP flags and minutes dates come from ``fomc_meetings_2024_2025.csv`` (compiled and
corroborated, kind ``derived``); the surrounding markup is a faithful sketch of the real page.
No notation vote occurred in 2024-2025: the notation-vote/unscheduled rows live in the test
fixtures only.
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from ingestion.sample.manifest import ManifestEntry

FOLDER = "fed/fomc_meetings"
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
V1, V2, V3 = date(2024, 1, 1), date(2025, 1, 8), date(2025, 10, 8)
PANEL_ORDER = {V1: (2024, 2025), V2: (2025, 2024), V3: (2025, 2024)}


def read_meetings(real_dir: Path) -> list[dict[str, str]]:
    with open(real_dir / "macro_calendar" / "fomc_meetings_2024_2025.csv", newline="") as f:
        return list(csv.DictReader(f))


def _labels(start: date, decision: date, sep: bool) -> tuple[str, str]:
    if start.month == decision.month:
        month = MONTHS[start.month - 1]
    else:
        month = f"{MONTHS[start.month - 1][:3]}/{MONTHS[decision.month - 1][:3]}"
    return month, f"{start.day}-{decision.day}{'*' if sep else ''}"


def _meeting_html(row: dict[str, str], version: date) -> str:
    start, decision = (
        date.fromisoformat(row["meeting_start"]),
        date.fromisoformat(row["decision_date"]),
    )
    minutes = date.fromisoformat(row["minutes_release_date"])
    sep = row["sep"] == "yes"
    month, days = _labels(start, decision, sep)
    stamp = f"{decision:%Y%m%d}"
    parts = [
        f'<div class="row fomc-meeting{" fomc-meeting--shaded" if sep else ""}">',
        '<div class="fomc-meeting__month col-xs-5 col-sm-3 col-md-2">'
        f"<strong>{month}</strong></div>",
        f'<div class="fomc-meeting__date col-xs-4 col-sm-9 col-md-10 col-lg-1">{days}</div>',
    ]
    if decision < version:
        parts.append(
            '<div class="col-xs-12 col-md-4 col-lg-4 fomc-meeting__minutes">'
            "<strong>Statement:</strong><br>"
            f'<a href="/monetarypolicy/files/monetary{stamp}a1.pdf">PDF</a> | '
            f'<a href="/newsevents/pressreleases/monetary{stamp}a.htm">HTML</a><br>'
            f'<a href="/newsevents/pressreleases/monetary{stamp}a1.htm">'
            "Implementation Note</a></div>"
        )
        if sep:
            parts.append(
                f'<div class="col-lg-2"><a href="/monetarypolicy/fomcprojtabl{stamp}.htm">'
                "Projection Materials</a></div>"
            )
    if minutes <= version:
        parts.append(
            '<div class="col-xs-12 col-md-4 col-lg-2"><strong>Minutes:</strong><br>'
            f'<a href="/monetarypolicy/files/fomcminutes{stamp}.pdf">PDF</a> | '
            f'<a href="/monetarypolicy/fomcminutes{stamp}.htm">HTML</a><br>'
            f"(Released {MONTHS[minutes.month - 1]} {minutes.day}, {minutes.year})</div>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def page(real_dir: Path, version: date) -> str:
    meetings = read_meetings(real_dir)
    panels = []
    for year in PANEL_ORDER[version]:
        rows = [r for r in meetings if r["decision_date"].startswith(str(year))]
        panels.append(
            '<div class="panel panel-default">\n'
            f'<div class="panel-heading"><h4><a id="{40000 + year}">'
            f"{year} FOMC Meetings</a></h4></div>\n"
            + "\n".join(_meeting_html(r, version) for r in rows)
            + "\n</div>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8">'
        "<title>The Fed - Meeting calendars and information</title></head>\n<body>\n"
        '<div id="article">\n<h3>Meeting calendars, statements, and minutes (2020-2026)</h3>\n'
        "<p>Meetings marked with an asterisk (*) are associated with a Summary of Economic "
        "Projections.</p>\n"
        + "\n".join(panels)
        + '\n<div class="lastUpdate">Last Update: '
        + f"{MONTHS[version.month - 1]} {version.day}, {version.year}</div>"
        "\n</div>\n</body>\n</html>\n"
    )


def build(real_dir: Path, out_dir: Path) -> list[ManifestEntry]:
    folder = out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.htm"):
        old.unlink()
    meetings = read_meetings(real_dir)
    entries = []
    for version in (V1, V2, V3):
        path = folder / f"{version.isoformat()}.htm"
        path.write_text(page(real_dir, version))
        shown_minutes = sum(
            1 for r in meetings if date.fromisoformat(r["minutes_release_date"]) <= version
        )
        entries.append(
            ManifestEntry(
                file=f"{FOLDER}/{path.name}",
                kind="derived",
                origin="macro_calendar/fomc_meetings_2024_2025.csv",
                first_date=version.isoformat(),
                last_date=max(r["decision_date"] for r in meetings),
                rows=len(meetings),
                notes=(
                    f"FOMC calendar page version current from {version} until the next version; "
                    f"panels {' then '.join(map(str, PANEL_ORDER[version]))}; "
                    f"{shown_minutes} meetings "
                    "show their minutes release date. Dates compiled from public code constants "
                    "(see macro_calendar/PROVENANCE.md); markup sketched after the real page."
                ),
            )
        )
    return entries
