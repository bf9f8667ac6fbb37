"""FOMC calendar page: out-of-order year panels, month-spanning meetings, SEP stars, notation
votes and unscheduled rows, minutes dates, layout drift, HTTP errors and the sample replay."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import responses

from ingestion.errors import FetchError, PayloadError, SourceBlockedError
from ingestion.fed import client, records, replay
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "fed"
PAGE_URL = "https://fed.test/monetarypolicy/fomccalendars.htm"


def payload(body: bytes) -> Payload:
    return Payload(
        "fed",
        "fomc_meetings",
        PAGE_URL,
        {},
        200,
        body,
        "text/html",
        fetched_at=datetime(2025, 11, 20, 6, tzinfo=UTC),
        landing_path=Path("/landing/fed/fomc_meetings/2025-11-20/x.htm.gz"),
    )


def meetings() -> dict[date, dict]:
    frame = records.parse_fomc_meetings(payload((FIXTURES / "fomc_calendar_ugly.htm").read_bytes()))
    return {row["decision_date"]: row for row in frame.iter_rows(named=True)}


def test_year_panels_out_of_order_are_each_read_with_their_own_year() -> None:
    rows = meetings()
    assert sorted(rows) == [
        date(2024, 5, 1),
        date(2025, 1, 29),
        date(2025, 3, 19),
        date(2025, 5, 7),
        date(2026, 2, 1),
    ]
    assert rows[date(2024, 5, 1)]["panel_year"] == 2024
    assert rows[date(2026, 2, 1)]["panel_year"] == 2026


def test_a_month_spanning_meeting_decides_on_its_last_day_in_the_second_month() -> None:
    apr_may = meetings()[date(2024, 5, 1)]
    assert (apr_may["month_label"], apr_may["date_label"]) == ("Apr/May", "30-1")
    assert apr_may["meeting_start_date"] == date(2024, 4, 30)
    jan_feb = meetings()[date(2026, 2, 1)]
    assert jan_feb["meeting_start_date"] == date(2026, 1, 31)


def test_a_star_marks_a_summary_of_economic_projections() -> None:
    rows = meetings()
    assert rows[date(2025, 3, 19)]["has_projections"] is True
    assert rows[date(2026, 2, 1)]["has_projections"] is True
    assert rows[date(2025, 1, 29)]["has_projections"] is False


def test_notation_vote_and_unscheduled_rows_are_skipped() -> None:
    rows = meetings()
    assert date(2025, 4, 22) not in rows
    assert date(2024, 8, 5) not in rows
    assert all(
        "notation" not in r["date_label"] and "unscheduled" not in r["date_label"]
        for r in rows.values()
    )


def test_minutes_release_dates_are_read_where_the_page_gives_them() -> None:
    rows = meetings()
    assert rows[date(2025, 1, 29)]["minutes_release_date"] == date(2025, 2, 19)
    assert rows[date(2024, 5, 1)]["minutes_release_date"] == date(2024, 5, 22)
    assert rows[date(2025, 5, 7)]["minutes_release_date"] is None


def test_meeting_dates_cover_the_page_conventions() -> None:
    p = payload(b"")
    assert records.meeting_dates(p, 2025, "December", "9-10*") == (
        date(2025, 12, 9),
        date(2025, 12, 10),
        True,
    )
    assert records.meeting_dates(p, 2025, "October", "29") == (
        date(2025, 10, 29),
        date(2025, 10, 29),
        False,
    )
    assert records.meeting_dates(p, 2025, "Dec/Jan", "31-1") == (
        date(2025, 12, 31),
        date(2026, 1, 1),
        False,
    )


def test_a_page_without_meeting_rows_is_layout_drift_not_an_empty_calendar() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_fomc_meetings(payload((FIXTURES / "fomc_calendar_drifted.htm").read_bytes()))
    assert "field: fomc-meeting" in str(err.value)
    assert "landing file: /landing/fed/fomc_meetings/" in str(err.value)


def test_a_page_without_year_panels_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="year panel") as err:
        records.parse_fomc_meetings(payload(b"<html><body><h1>Site maintenance</h1></body></html>"))
    assert "field: h4" in str(err.value)


def test_an_unreadable_date_label_names_the_field() -> None:
    body = (FIXTURES / "fomc_calendar_ugly.htm").read_bytes().replace(b">28-29<", b">28 to 29<")
    with pytest.raises(PayloadError, match="unreadable meeting days") as err:
        records.parse_fomc_meetings(payload(body))
    assert "field: fomc-meeting__date" in str(err.value)


def test_an_unknown_month_names_the_field() -> None:
    body = (
        (FIXTURES / "fomc_calendar_ugly.htm")
        .read_bytes()
        .replace(b"<strong>March<", b"<strong>Marzo<")
    )
    with pytest.raises(PayloadError, match="unknown month") as err:
        records.parse_fomc_meetings(payload(body))
    assert "field: fomc-meeting__month" in str(err.value)


def http() -> SourceHttp:
    return SourceHttp("fed", "https://fed.test", new_session(), sleep=lambda s: None)


@responses.activate
def test_a_403_page_is_a_blocked_error_never_retried() -> None:
    responses.get(
        PAGE_URL, body=b"<html>Access Denied</html>", status=403, content_type="text/html"
    )
    with pytest.raises(SourceBlockedError, match="HTTP 403"):
        client.fetch_fomc_meetings(http(), date(2025, 11, 15), date(2025, 11, 15))
    assert len(responses.calls) == 1


@responses.activate
def test_a_404_is_a_fetch_error_naming_source_and_endpoint() -> None:
    responses.get(
        PAGE_URL, body=b"<html>Page not found</html>", status=404, content_type="text/html"
    )
    with pytest.raises(FetchError, match=r"\[fed/fomc_meetings\].*HTTP 404"):
        client.fetch_fomc_meetings(http(), date(2025, 11, 15), date(2025, 11, 15))


@responses.activate
def test_a_502_is_retried_then_the_page_parses() -> None:
    responses.get(PAGE_URL, status=502)
    responses.get(
        PAGE_URL, body=(FIXTURES / "fomc_calendar_ugly.htm").read_bytes(), content_type="text/html"
    )
    [page] = client.fetch_fomc_meetings(http(), date(2025, 11, 15), date(2025, 11, 15))
    assert records.parse_fomc_meetings(page).height == 5


def test_replay_serves_the_page_version_current_on_each_day() -> None:
    def minutes_known(as_of: date) -> int:
        answer = replay.respond(ReplayRequest("/monetarypolicy/fomccalendars.htm", {}, {}), as_of)
        assert answer.status == 200
        frame = records.parse_fomc_meetings(payload(answer.body))
        assert frame.height == 16
        return frame["minutes_release_date"].drop_nulls().len()

    assert minutes_known(date(2024, 6, 1)) == 0
    assert minutes_known(date(2025, 1, 8)) == 8
    assert minutes_known(date(2025, 11, 15)) == 14
