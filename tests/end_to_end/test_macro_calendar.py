"""Macro calendars end to end on the sample: dim_macro_events against the bundled ICS and HTML
payload versions, the 2025 shutdown cases, and day-by-day countdowns recomputed independently
in Python from the bundled files (the version current on each day, as the replay serves it)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ingestion.bls import records as bls_records
from ingestion.bls.replay import SCHEDULE
from ingestion.fed import records as fed_records
from ingestion.fed.replay import CALENDAR
from ingestion.payloads import Payload
from ingestion.sample.manifest import SAMPLE_END, SAMPLE_START

pytestmark = pytest.mark.end_to_end

LAST_DAY = date.fromisoformat(SAMPLE_END)
BLS_VERSIONS = SCHEDULE.bodies()
FED_VERSIONS = CALENDAR.bodies()


def _payload(source: str, body: bytes) -> Payload:
    return Payload(
        source, "x", "x", {}, 200, body, "text/plain", fetched_at=datetime(2025, 1, 1, tzinfo=UTC)
    )


def cpi_by_version() -> dict[date, dict[str, tuple[date, bool]]]:
    """version -> {reference month: (date, cancelled)} for CPI."""
    result = {}
    for version, body in BLS_VERSIONS.items():
        frame = bls_records.parse_release_schedule(_payload("bls", body))
        result[version] = {
            r["reference_period"]: (r["scheduled_date"], r["event_status"] == "CANCELLED")
            for r in frame.iter_rows(named=True)
            if r["release_type"] == "CPI"
        }
    return result


def fomc_by_version() -> dict[date, list[dict]]:
    return {
        v: list(fed_records.parse_fomc_meetings(_payload("fed", body)).iter_rows(named=True))
        for v, body in FED_VERSIONS.items()
    }


def test_the_sample_holds_a_few_payload_versions_per_calendar() -> None:
    assert 2 <= len(BLS_VERSIONS) <= 6 and 2 <= len(FED_VERSIONS) <= 6
    assert min(BLS_VERSIONS) == min(FED_VERSIONS) == date.fromisoformat(SAMPLE_START)


def test_every_cpi_release_in_the_sample_has_its_current_date_original_date_and_status(
    marts,
) -> None:
    cpi = cpi_by_version()
    first, latest = cpi[min(cpi)], cpi[max(cpi)]
    expected = {}
    for period, (day, cancelled) in latest.items():
        original = first[period][0]
        if cancelled:
            status = "cancelled"
        elif day <= LAST_DAY:
            status = "released"
        elif day > original:
            status = "postponed"
        else:
            status = "scheduled"
        expected[f"CPI-{period}"] = (day, original, status, period)
    rows = marts.execute(
        "select event_id, scheduled_date, original_scheduled_date, status, reference_period "
        "from marts.dim_macro_events where event_type = 'CPI'"
    ).fetchall()
    assert {r[0]: r[1:] for r in rows} == expected
    assert len(expected) == 24  # reference months 2023-12 .. 2025-11


def test_shutdown_cases_show_their_original_and_new_dates(marts) -> None:
    rows = marts.execute(
        "select event_id, original_scheduled_date, scheduled_date, status, is_rescheduled "
        "from marts.dim_macro_events "
        "where event_id in ('CPI-2025-09', 'CPI-2025-10', 'CPI-2025-11') order by event_id"
    ).fetchall()
    assert rows == [
        ("CPI-2025-09", date(2025, 10, 15), date(2025, 10, 24), "released", True),
        ("CPI-2025-10", date(2025, 11, 13), date(2025, 11, 13), "cancelled", False),
        ("CPI-2025-11", date(2025, 12, 10), date(2025, 12, 18), "postponed", True),
    ]


def test_every_fomc_decision_in_the_sample_has_its_date_projections_and_status(marts) -> None:
    latest = fomc_by_version()[max(FED_VERSIONS)]
    expected = {
        f"FOMC-{m['decision_date']:%Y-%m}": (
            m["decision_date"],
            m["decision_date"],
            "released" if m["decision_date"] <= LAST_DAY else "scheduled",
            m["has_projections"],
        )
        for m in latest
    }
    rows = marts.execute(
        "select event_id, scheduled_date, original_scheduled_date, status, has_projections "
        "from marts.dim_macro_events where event_type = 'FOMC_DECISION'"
    ).fetchall()
    assert {r[0]: r[1:] for r in rows} == expected
    assert len(expected) == 16
    assert expected["FOMC-2024-05"][0] == date(2024, 5, 1)  # the Apr/May 30-1 meeting


def test_fomc_statements_are_at_1400_eastern_and_cpi_at_0830_eastern(marts) -> None:
    rows = dict(
        marts.execute(
            "select event_id, scheduled_at_utc from marts.dim_macro_events "
            "where event_id in ('FOMC-2024-01', 'FOMC-2024-07', 'CPI-2024-12', 'CPI-2025-05')"
        ).fetchall()
    )
    assert {k: v.astimezone(UTC).replace(tzinfo=None) for k, v in rows.items()} == {
        "FOMC-2024-01": datetime(2024, 1, 31, 19, 0),
        "FOMC-2024-07": datetime(2024, 7, 31, 18, 0),
        "CPI-2024-12": datetime(2025, 1, 15, 13, 30),
        "CPI-2025-05": datetime(2025, 6, 11, 12, 30),
    }


def _next(dates: list[date], day: date) -> int | None:
    upcoming = [d for d in dates if d >= day]
    return (min(upcoming) - day).days if upcoming else None


def test_days_to_next_cpi_and_fomc_match_an_independent_computation_for_every_day(marts) -> None:
    cpi, fomc = cpi_by_version(), fomc_by_version()
    rows = marts.execute(
        "select date, days_to_next_cpi, days_to_next_fomc "
        "from intermediate.int_macro_countdowns_computed order by date"
    ).fetchall()
    got = {r[0]: (r[1], r[2]) for r in rows}
    start = date.fromisoformat(SAMPLE_START)
    assert min(got) == start and max(got) > LAST_DAY
    day, mismatches = start, []
    while day <= max(got):
        known = min(day, LAST_DAY)  # after the last snapshot the last one stays current
        cpi_dates = [
            d for d, cancelled in cpi[SCHEDULE.version_for(known)].values() if not cancelled
        ]
        fomc_dates = [m["decision_date"] for m in fomc[CALENDAR.version_for(known)]]
        expected = (_next(cpi_dates, day), _next(fomc_dates, day))
        if got.get(day) != expected:
            mismatches.append((day, got.get(day), expected))
        day += timedelta(days=1)
    assert not mismatches, mismatches[:10]
    # the postponement is seen only once announced: no look-ahead
    assert got[date(2025, 10, 9)][0] == 6  # due 2025-10-15 as known that day
    assert got[date(2025, 10, 10)][0] == 14  # moved to 2025-10-24
    assert got[date(2024, 1, 31)][1] == 0  # decision day counts 0


@pytest.mark.parametrize("event_id", ["CPI-2025-09", "FOMC-2024-05"])
def test_event_windows_line_up_btc_and_fear_greed_from_t_minus_2_to_t_plus_2(
    marts, event_id
) -> None:
    rows = marts.execute(
        "select w.offset_days, w.date, w.btc_close, p.close, w.btc_return_since_t_minus_1, "
        "w.fear_greed_value, m.fear_greed_value "
        "from marts.fct_macro_event_windows as w "
        "left join marts.fct_prices_daily as p on p.asset = 'BTC' and p.date = w.date "
        "left join marts.fct_market_daily as m on m.date = w.date "
        "where w.event_id = ? order by w.offset_days",
        [event_id],
    ).fetchall()
    assert [r[0] for r in rows] == [-2, -1, 0, 1, 2]
    event_day = rows[2][1]
    assert [r[1] for r in rows] == [event_day + timedelta(days=k) for k in range(-2, 3)]
    assert all(r[2] == pytest.approx(r[3]) and r[2] is not None for r in rows)
    assert all(r[5] == r[6] for r in rows)
    assert rows[1][4] == pytest.approx(0.0)
    assert rows[2][4] == pytest.approx(rows[2][2] / rows[1][2] - 1)
