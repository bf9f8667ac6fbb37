"""BLS release-schedule ICS: folding, US-Eastern, UTC and all-day times, the title filter,
reschedules and cancellations, the 403 WAF page, retries, and the sample replay."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import requests
import responses

from ingestion.bls import client, records, replay
from ingestion.errors import FetchError, PayloadError, SourceBlockedError
from ingestion.http import RetryPolicy, SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest

FIXTURES = Path(__file__).parents[1] / "fixtures" / "bls"
FEED_URL = "https://bls.test/schedule/news_release/bls.ics"


def payload(body: bytes, *, fetched_at: datetime | None = None) -> Payload:
    return Payload(
        "bls",
        "release_schedule",
        FEED_URL,
        {},
        200,
        body,
        "text/calendar",
        fetched_at=fetched_at or datetime(2025, 11, 15, 6, tzinfo=UTC),
        landing_path=Path("/landing/bls/release_schedule/2025-11-15/x.ics.gz"),
    )


def ugly() -> dict[str, dict]:
    frame = records.parse_release_schedule(
        payload((FIXTURES / "release_schedule_ugly.ics").read_bytes())
    )
    return {row["uid"]: row for row in frame.iter_rows(named=True)}


def test_folded_lines_are_unfolded_with_space_or_tab_continuations() -> None:
    rows = ugly()
    assert rows["cpi-2025-06@bls.gov"]["summary"] == "Consumer Price Index for June 2025"
    assert rows["cpi-2025-06@bls.gov"]["reference_period"] == "2025-06"
    # tab continuation
    assert rows["ppi-2025-09@bls.gov"]["summary"] == "Producer Price Index for September 2025"


def test_unfold_drops_exactly_one_leading_whitespace_character() -> None:
    assert records.unfold("SUMMARY:a\r\n  b\r\n\tc\r\nX:y\r\n") == ["SUMMARY:a bc", "X:y"]


def test_us_eastern_0830_is_1330_utc_in_winter_and_1230_utc_in_summer() -> None:
    rows = ugly()
    winter, summer = rows["cpi-2024-12@bls.gov"], rows["cpi-2025-06@bls.gov"]
    assert winter["scheduled_date"] == date(2025, 1, 15)
    assert winter["scheduled_at_utc"] == datetime(2025, 1, 15, 13, 30, tzinfo=UTC)
    assert winter["dtstart_tzid"] == "US-Eastern"
    assert summer["scheduled_date"] == date(2025, 7, 15)
    assert summer["scheduled_at_utc"] == datetime(2025, 7, 15, 12, 30, tzinfo=UTC)


def test_utc_z_times_are_kept_and_dated_in_eastern_time() -> None:
    row = ugly()["empsit-2025-06@bls.gov"]
    assert row["scheduled_at_utc"] == datetime(2025, 7, 3, 12, 30, tzinfo=UTC)
    assert row["scheduled_date"] == date(2025, 7, 3)
    assert row["release_type"] == "EMPLOYMENT"


def test_an_all_day_event_has_its_date_and_no_instant() -> None:
    row = ugly()["ppi-2025-09@bls.gov"]
    assert row["is_all_day"] is True
    assert row["scheduled_date"] == date(2025, 10, 16)
    assert row["scheduled_at_utc"] is None


def test_only_national_cpi_employment_situation_and_ppi_are_kept() -> None:
    rows = ugly()
    assert sorted(rows) == [
        "cpi-2024-12@bls.gov",
        "cpi-2025-06@bls.gov",
        "cpi-2025-10@bls.gov",
        "empsit-2025-06@bls.gov",
        "ppi-2025-09@bls.gov",
        "ppi-nofor@bls.gov",
    ]
    # state, veterans, cost index, metro-area and regional CPI titles share words but are dropped
    for dropped in (
        "laus-2025-06@bls.gov",
        "vet-2025@bls.gov",
        "eci-2025-q2@bls.gov",
        "cpi-metro@bls.gov",
        "cpi-demog@bls.gov",
    ):
        assert dropped not in rows


def test_a_title_without_reference_period_leaves_it_to_staging() -> None:
    row = ugly()["ppi-nofor@bls.gov"]
    assert row["release_type"] == "PPI" and row["reference_period"] is None


def test_reference_period_without_year_is_the_latest_such_month_before_the_release() -> None:
    assert records.classify("Consumer Price Index for December") == ("CPI", "?-12")
    body = (
        (FIXTURES / "schedule_before_shutdown.ics")
        .read_bytes()
        .replace(b"for September 2025", b"for September")
    )
    frame = records.parse_release_schedule(payload(body))
    assert frame.filter(frame["uid"] == "cpi-2025-09@bls.gov")["reference_period"].to_list() == [
        "2025-09"
    ]


def test_cancelled_status_is_read_from_the_feed() -> None:
    assert ugly()["cpi-2025-10@bls.gov"]["event_status"] == "CANCELLED"
    assert ugly()["cpi-2024-12@bls.gov"]["event_status"] is None


def test_a_rescheduled_and_a_cancelled_release_keep_their_key_across_fetches() -> None:
    before = records.parse_release_schedule(
        payload(
            (FIXTURES / "schedule_before_shutdown.ics").read_bytes(),
            fetched_at=datetime(2025, 10, 1, tzinfo=UTC),
        )
    )
    after = records.parse_release_schedule(
        payload(
            (FIXTURES / "schedule_after_notices.ics").read_bytes(),
            fetched_at=datetime(2025, 11, 21, tzinfo=UTC),
        )
    )
    key = ["release_type", "reference_period"]
    joined = before.join(after, on=key, suffix="_after").sort("reference_period")
    assert joined.select(
        *key, "scheduled_date", "scheduled_date_after", "event_status_after"
    ).rows() == [
        ("CPI", "2025-09", date(2025, 10, 15), date(2025, 10, 24), None),
        ("CPI", "2025-10", date(2025, 11, 13), date(2025, 11, 13), "CANCELLED"),
    ]
    assert before["date"].to_list() == [date(2025, 10, 1)] * 2
    assert after["date"].to_list() == [date(2025, 11, 21)] * 2


def test_unknown_tzid_is_a_payload_error_naming_the_field_and_file() -> None:
    body = (
        (FIXTURES / "schedule_before_shutdown.ics")
        .read_bytes()
        .replace(b"US-Eastern", b"Mars/Olympus")
    )
    with pytest.raises(PayloadError) as err:
        records.parse_release_schedule(payload(body))
    message = str(err.value)
    assert "[bls/release_schedule]" in message and "field: DTSTART" in message
    assert "Mars/Olympus" in message and "landing file: /landing/bls/" in message


def test_unreadable_date_time_is_a_payload_error() -> None:
    body = (
        (FIXTURES / "schedule_before_shutdown.ics")
        .read_bytes()
        .replace(b"20251015T083000", b"2025-10-15")
    )
    with pytest.raises(PayloadError, match="unreadable date-time"):
        records.parse_release_schedule(payload(body))


def test_a_truncated_feed_is_rejected_whole() -> None:
    body = (FIXTURES / "schedule_before_shutdown.ics").read_bytes()
    with pytest.raises(PayloadError, match="truncated"):
        records.parse_release_schedule(payload(body[: body.index(b"END:VEVENT")]))


def test_an_html_page_on_http_200_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="not an iCalendar feed"):
        records.parse_release_schedule(payload((FIXTURES / "forbidden_403.html").read_bytes()))


def test_a_feed_without_any_kept_release_is_drift_not_an_empty_schedule() -> None:
    lines = [
        "BEGIN:VCALENDAR",
        "BEGIN:VEVENT",
        "DTSTART:20250101T100000Z",
        "SUMMARY:Real Earnings",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    body = "\r\n".join(lines).encode()
    with pytest.raises(PayloadError, match="no CPI") as err:
        records.parse_release_schedule(payload(body))
    assert "field: SUMMARY" in str(err.value)


def test_the_same_body_parsed_again_is_redated_with_its_own_fetch_day() -> None:
    body = (FIXTURES / "schedule_before_shutdown.ics").read_bytes()
    first = records.parse_release_schedule(
        payload(body, fetched_at=datetime(2025, 10, 1, tzinfo=UTC))
    )
    second = records.parse_release_schedule(
        payload(body, fetched_at=datetime(2025, 10, 2, tzinfo=UTC))
    )
    assert first.drop("date", "fetched_at").equals(second.drop("date", "fetched_at"))
    assert second["date"].unique().to_list() == [date(2025, 10, 2)]
    assert list(second.schema) == list(records.RAW_RELEASE_SCHEDULE_SCHEMA)


def http(**kwargs) -> SourceHttp:
    return SourceHttp(
        "bls", "https://bls.test", new_session(user_agent=client.USER_AGENT), **kwargs
    )


@responses.activate
def test_a_403_waf_page_is_a_blocked_error_after_being_landed() -> None:
    responses.get(
        FEED_URL,
        body=(FIXTURES / "forbidden_403.html").read_bytes(),
        status=403,
        content_type="text/html",
    )
    landed: list[Payload] = []
    with pytest.raises(SourceBlockedError) as err:
        client.fetch_release_schedule(
            http(on_response=lambda p: landed.append(p) or p),
            date(2025, 11, 15),
            date(2025, 11, 15),
        )
    assert err.value.status == 403
    assert "refused (HTTP 403)" in str(err.value) and "[bls/release_schedule]" in str(err.value)
    assert len(responses.calls) == 1  # never retried
    assert [p.status for p in landed] == [403]


@responses.activate
def test_the_client_sends_a_browser_like_user_agent() -> None:
    responses.get(
        FEED_URL,
        body=(FIXTURES / "schedule_before_shutdown.ics").read_bytes(),
        content_type="text/calendar",
    )
    client.fetch_release_schedule(http(), date(2025, 11, 15), date(2025, 11, 15))
    assert responses.calls[0].request.headers["User-Agent"].startswith("Mozilla/5.0")


@responses.activate
def test_429_with_retry_after_and_503_are_retried_with_bounded_waits() -> None:
    responses.get(FEED_URL, status=429, headers={"Retry-After": "7"})
    responses.get(FEED_URL, status=503)
    responses.get(
        FEED_URL,
        body=(FIXTURES / "schedule_before_shutdown.ics").read_bytes(),
        content_type="text/calendar",
    )
    waits: list[float] = []
    payloads = client.fetch_release_schedule(
        http(sleep=waits.append, retry=RetryPolicy(backoff_base_s=1.0)),
        date(2025, 11, 15),
        date(2025, 11, 15),
    )
    assert waits == [7.0, 2.0]
    assert records.parse_release_schedule(payloads[0]).height == 2


@responses.activate
def test_a_timeout_on_every_attempt_is_a_fetch_error() -> None:
    responses.get(FEED_URL, body=requests.Timeout("read timed out"))
    waits: list[float] = []
    with pytest.raises(FetchError, match="timed out after 2 attempts"):
        client.fetch_release_schedule(
            http(sleep=waits.append, retry=RetryPolicy(max_attempts=2)),
            date(2025, 11, 15),
            date(2025, 11, 15),
        )
    assert waits == [1.0]


def _replayed(as_of: date, user_agent: str = client.USER_AGENT):
    return replay.respond(
        ReplayRequest("/schedule/news_release/bls.ics", {}, {"User-Agent": user_agent}), as_of
    )


def test_replay_serves_the_schedule_version_current_on_each_day() -> None:
    def cpi_september(as_of: date) -> date:
        answer = _replayed(as_of)
        assert answer.status == 200 and answer.content_type.startswith("text/calendar")
        frame = records.parse_release_schedule(payload(answer.body))
        september = (frame["reference_period"] == "2025-09") & (frame["release_type"] == "CPI")
        return frame.filter(september)["scheduled_date"].item()

    assert cpi_september(date(2024, 1, 1)) == date(2025, 10, 15)
    assert cpi_september(date(2025, 10, 9)) == date(2025, 10, 15)
    assert cpi_september(date(2025, 10, 10)) == date(2025, 10, 24)
    assert cpi_september(date(2025, 11, 15)) == date(2025, 10, 24)


def test_replay_refuses_a_non_browser_user_agent_like_bls() -> None:
    assert _replayed(date(2025, 1, 1), user_agent="python-requests/2.32").status == 403
