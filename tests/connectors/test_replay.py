"""Sample replay helpers shared by the sources: versioned pages (BLS, Fed) and month names."""

from __future__ import annotations

from datetime import date, timedelta

from ingestion.bls.replay import SCHEDULE
from ingestion.fed.replay import CALENDAR
from ingestion.months import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTH_NUMBERS
from ingestion.replay import VersionedSample, sample_dir


def test_each_versioned_sample_lists_its_bundled_files_oldest_first() -> None:
    for sample in (SCHEDULE, CALENDAR):
        files = sorted((sample_dir() / sample.folder).glob(f"*{sample.suffix}"))
        assert [v.isoformat() for v in sample.versions()] == [
            f.name.removesuffix(sample.suffix) for f in files
        ]
        assert len(sample.versions()) >= 2


def test_a_day_is_served_the_latest_version_effective_by_then() -> None:
    first, second = CALENDAR.versions()[:2]
    assert CALENDAR.version_for(first - timedelta(days=1)) is None
    assert CALENDAR.version_for(first) == first
    assert CALENDAR.version_for(second - timedelta(days=1)) == first
    assert CALENDAR.version_for(second) == second
    assert CALENDAR.version_for(date(2099, 1, 1)) == CALENDAR.versions()[-1]


def test_bodies_are_the_bundled_bytes_by_version() -> None:
    bodies = SCHEDULE.bodies()
    assert list(bodies) == list(SCHEDULE.versions())
    first = SCHEDULE.versions()[0]
    path = sample_dir() / SCHEDULE.folder / f"{first.isoformat()}{SCHEDULE.suffix}"
    assert bodies[first] == path.read_bytes()


def test_an_empty_folder_has_no_versions() -> None:
    nothing = VersionedSample("no/such/folder", ".ics")
    assert nothing.versions() == () and nothing.version_for(date(2025, 1, 1)) is None


def test_month_names_numbers_and_abbreviations_agree() -> None:
    assert len(MONTH_NAMES) == 12 and MONTH_NUMBERS["september"] == 9
    assert MONTH_ABBREVIATIONS["sep"] == 9 and MONTH_ABBREVIATIONS["may"] == 5
    assert all(MONTH_ABBREVIATIONS[name[:3]] == n for name, n in MONTH_NUMBERS.items())
