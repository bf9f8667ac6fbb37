"""FRED fredgraph.csv: holidays are null not zero, truncated bodies are errors (never missing
values), both header spellings, HTML error pages, and a replay that cuts by cosd/coed."""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
import responses

from ingestion.errors import FetchError, PayloadError
from ingestion.fred import client, records, replay
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest, mount_replay

FIXTURES = Path(__file__).parents[1] / "fixtures" / "fred"
LANDING = Path("/landing/fred/observations/x.csv.gz")


def payload(body: bytes, *, series: str = "NASDAQ100", content_type: str = "text/csv") -> Payload:
    return Payload(
        "fred",
        "observations",
        "https://x/graph/fredgraph.csv",
        {"id": series, "cosd": "2024-12-23", "coed": "2024-12-27"},
        200,
        body,
        content_type,
        landing_path=LANDING,
    )


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_holiday_dot_is_null_not_zero() -> None:
    frame = records.parse_observations(payload(fixture("nasdaq100.csv")))
    assert frame.schema == records.RAW_OBSERVATIONS_SCHEMA
    values = dict(zip(frame["date"].to_list(), frame["value"].to_list(), strict=True))
    assert values[date(2024, 12, 24)] == 21798.54
    assert values[date(2024, 12, 25)] is None
    assert frame["series_id"].unique().to_list() == ["NASDAQ100"]


def test_a_blank_value_on_a_complete_line_is_missing_as_fred_writes_holidays() -> None:
    # Only a record without its final newline is a cut body; FRED writes holidays as "." or
    # as a blank field on a complete line.
    frame = records.parse_observations(payload(fixture("nasdaq100_empty_value.csv")))
    values = dict(zip(frame["date"].to_list(), frame["value"].to_list(), strict=True))
    assert values[date(2024, 12, 27)] is None
    assert values[date(2024, 12, 26)] == 21788.90


def test_a_body_cut_right_after_the_comma_is_a_payload_error_never_a_missing_value() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_observations(payload(fixture("nasdaq100_cut_after_comma.csv")))
    message = str(err.value)
    assert "[fred/observations]" in message
    assert "line 6: body ends mid-record '2025-11-14,'" in message
    assert "truncated" in message
    assert "field: line 6.NASDAQ100" in message
    assert f"landing file: {LANDING}" in message


def test_a_body_cut_inside_the_date_names_the_date_field() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_observations(payload(fixture("nasdaq100_cut_mid_date.csv")))
    assert "field: line 6.observation_date" in str(err.value)
    assert "truncated" in str(err.value)


def test_a_last_line_with_fewer_fields_than_the_header_is_a_payload_error() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_observations(payload(fixture("nasdaq100_last_line_short.csv")))
    message = str(err.value)
    assert "line 6: 1 of 2 fields" in message and "truncated record" in message
    assert "field: line 6.NASDAQ100" in message
    assert f"landing file: {LANDING}" in message


def test_the_legacy_date_header_is_accepted() -> None:
    frame = records.parse_observations(payload(fixture("nasdaq100_legacy_header.csv")))
    assert frame["date"].to_list() == [date(2024, 7, 3), date(2024, 7, 4), date(2024, 7, 5)]
    assert frame["value"].null_count() == 1


def test_an_html_error_page_on_http_200_is_a_payload_error() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_observations(payload(fixture("error_page.html"), content_type="text/html"))
    message = str(err.value)
    assert "[fred/observations]" in message and "HTML" in message
    assert f"landing file: {LANDING}" in message


def test_an_html_page_labelled_csv_is_still_rejected() -> None:
    with pytest.raises(PayloadError, match="HTML"):
        records.parse_observations(payload(fixture("error_page.html")))


def test_a_header_naming_another_series_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="field: header"):
        records.parse_observations(payload(fixture("nasdaq100.csv"), series="SP500"))


def test_a_bad_number_names_the_line_and_series() -> None:
    body = fixture("nasdaq100.csv").replace(b"21788.90", b"21,788.90")
    with pytest.raises(PayloadError, match="field: line 5"):
        records.parse_observations(payload(body))
    body = fixture("nasdaq100.csv").replace(b"21788.90", b"n/a")
    with pytest.raises(PayloadError, match="field: line 5.NASDAQ100"):
        records.parse_observations(payload(body))


def test_a_bad_date_is_a_payload_error() -> None:
    body = fixture("nasdaq100.csv").replace(b"2024-12-26", b"12/26/2024")
    with pytest.raises(PayloadError, match="field: line 5.observation_date"):
        records.parse_observations(payload(body))


def test_an_empty_body_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="field: header"):
        records.parse_observations(payload(b""))


@responses.activate
def test_fetch_asks_once_per_series_for_exactly_the_window() -> None:
    for series in ("NASDAQ100", "SP500"):
        responses.get(
            "https://f.test/graph/fredgraph.csv",
            body=f"observation_date,{series}\n2024-12-24,1.5\n",
            content_type="text/csv",
            match=[
                responses.matchers.query_param_matcher(
                    {"id": series, "cosd": "2024-12-23", "coed": "2024-12-27"}
                )
            ],
        )
    http = SourceHttp("fred", "https://f.test", new_session())
    pages = client.fetch_observations(
        http, date(2024, 12, 23), date(2024, 12, 27), series=("NASDAQ100", "SP500")
    )
    assert [p.params["id"] for p in pages] == ["NASDAQ100", "SP500"]
    assert [records.parse_observations(p)["series_id"][0] for p in pages] == ["NASDAQ100", "SP500"]


def test_replay_cuts_by_cosd_and_coed_and_renders_holidays_as_dots() -> None:
    answer = replay.respond(
        ReplayRequest(
            "/graph/fredgraph.csv",
            {"id": "NASDAQ100", "cosd": "2024-12-23", "coed": "2024-12-27"},
            {},
        ),
        date(2025, 11, 15),
    )
    assert answer.status == 200 and answer.content_type.startswith("text/csv")
    lines = answer.body.decode().splitlines()
    assert lines[0] == "observation_date,NASDAQ100"
    assert [line[:10] for line in lines[1:]] == [
        "2024-12-23",
        "2024-12-24",
        "2024-12-25",
        "2024-12-26",
        "2024-12-27",
    ]
    assert lines[3] == "2024-12-25,."


def test_replay_of_an_unknown_series_is_an_html_404_and_a_fetch_error() -> None:
    session = mount_replay(new_session(), functools.partial(replay.respond, as_of=date(2025, 1, 1)))
    http = SourceHttp("fred", client.FRED_BASE_URL, session)
    with pytest.raises(FetchError) as err:
        client.fetch_observations(http, date(2024, 1, 1), date(2024, 1, 5), series=("NOSUCH",))
    assert err.value.status == 404


def test_the_sample_replays_through_the_live_client_and_parser() -> None:
    session = mount_replay(
        new_session(), functools.partial(replay.respond, as_of=date(2025, 11, 15))
    )
    http = SourceHttp("fred", client.FRED_BASE_URL, session)
    pages = client.fetch_observations(http, date(2024, 1, 1), date(2025, 11, 15))
    frames = {p.params["id"]: records.parse_observations(p) for p in pages}
    assert set(frames) == set(client.SERIES)
    ndx = frames["NASDAQ100"]
    assert ndx.filter(ndx["date"] == date(2024, 1, 1))["value"].to_list() == [None]  # New Year
    assert ndx["value"].drop_nulls().len() == 471  # NYSE trading days 2024-01-02..2025-11-14
    assert frames["SP500"]["date"].min() == date(2024, 6, 25)  # the stand-in starts mid-2024
