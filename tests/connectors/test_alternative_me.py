"""alternative.me Fear & Greed: strings for numbers, seconds, provider labels, errors on 200,
and a replay that counts ``limit`` back from the simulated day."""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path

import pytest
import responses

from ingestion.alternative_me import client, records, replay
from ingestion.errors import PayloadError
from ingestion.http import SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest, mount_replay

FIXTURES = Path(__file__).parents[1] / "fixtures" / "alternative_me"
LANDING = Path("/landing/alternative_me/fear_greed/x.json.gz")


def payload(body: bytes) -> Payload:
    return Payload(
        "alternative_me",
        "fear_greed",
        "https://x/fng/",
        {"limit": "3", "format": "json"},
        200,
        body,
        "application/json",
        landing_path=LANDING,
    )


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(change) -> bytes:
    body = json.loads(fixture("fng_limit_3.json"))
    change(body)
    return json.dumps(body).encode()


def test_string_values_and_unix_seconds_become_ints_and_utc_days() -> None:
    frame = records.parse_fear_greed(payload(fixture("fng_limit_3.json")))
    assert frame.schema == records.RAW_FEAR_GREED_SCHEMA
    assert frame["date"].to_list() == [date(2024, 10, 25), date(2024, 10, 27), date(2024, 10, 28)]
    assert frame["value"].to_list() == [72, 74, 72]
    assert frame["timestamp_s"][0] == 1729814400


def test_a_day_missing_at_the_source_stays_missing() -> None:
    frame = records.parse_fear_greed(payload(fixture("fng_limit_3.json")))
    assert date(2024, 10, 26) not in frame["date"].to_list()
    assert frame.height == 3


def test_the_provider_label_is_kept_not_recomputed() -> None:
    # 50 is "Neutral" in every bucket table; the provider's word wins anyway.
    body = edited(lambda b: b["data"][0].update(value="50", value_classification="Greed"))
    frame = records.parse_fear_greed(payload(body))
    assert frame.filter(frame["value"] == 50)["classification"].to_list() == ["Greed"]


def test_metadata_error_on_http_200_is_a_payload_error_naming_the_field() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_fear_greed(payload(fixture("fng_metadata_error.json")))
    message = str(err.value)
    assert "[alternative_me/fear_greed]" in message
    assert "field: metadata.error" in message
    assert f"landing file: {LANDING}" in message


def test_missing_metadata_is_drift_not_success() -> None:
    with pytest.raises(PayloadError, match="field: metadata"):
        records.parse_fear_greed(payload(edited(lambda b: b.pop("metadata"))))


def test_a_non_numeric_value_names_the_record_and_field() -> None:
    body = edited(lambda b: b["data"][1].update(value="n/a"))
    with pytest.raises(PayloadError, match=r"field: data\[1\]\.value"):
        records.parse_fear_greed(payload(body))


def test_a_renamed_field_is_rejected_whole() -> None:
    body = edited(
        lambda b: b["data"][2].update(classification=b["data"][2].pop("value_classification"))
    )
    with pytest.raises(PayloadError, match="field: value_classification"):
        records.parse_fear_greed(payload(body))


def test_a_value_outside_0_to_100_is_rejected() -> None:
    with pytest.raises(PayloadError, match="outside 0..100"):
        records.parse_fear_greed(payload(edited(lambda b: b["data"][0].update(value="172"))))


def test_two_records_for_one_day_are_rejected() -> None:
    body = edited(lambda b: b["data"][1].update(timestamp=b["data"][0]["timestamp"]))
    with pytest.raises(PayloadError, match="two records for 2024-10-28"):
        records.parse_fear_greed(payload(body))


def test_an_error_object_instead_of_a_body_is_a_payload_error() -> None:
    with pytest.raises(PayloadError, match="expected a JSON object"):
        records.parse_fear_greed(payload(b"[]"))


def test_limit_reaches_back_to_the_window_start_with_a_margin_for_source_gaps() -> None:
    assert (
        client.fear_greed_limit(date(2025, 11, 10), date(2025, 11, 15))
        == 6 + client.GAP_MARGIN_RECORDS
    )


def test_windows_far_back_ask_for_the_full_history() -> None:
    assert client.fear_greed_limit(date(2018, 2, 1), date(2025, 11, 15)) == 0


@responses.activate
def test_fetch_asks_for_json_with_the_computed_limit() -> None:
    responses.get(
        "https://a.test/fng/", body=fixture("fng_limit_3.json"), content_type="application/json"
    )
    http = SourceHttp("alternative_me", "https://a.test", new_session())
    pages = client.fetch_fear_greed(
        http, date(2024, 10, 26), date(2024, 10, 28), today=date(2024, 10, 28)
    )
    assert len(pages) == 1
    params = responses.calls[0].request.params
    assert params == {"limit": str(3 + client.GAP_MARGIN_RECORDS), "format": "json"}
    assert records.parse_fear_greed(pages[0]).height == 3


def _replayed(params: dict[str, str], as_of: date) -> dict:
    answer = replay.respond(ReplayRequest("/fng/", params, {}), as_of)
    assert answer.status == 200
    return json.loads(answer.body)


def test_replay_counts_limit_back_from_the_simulated_day_newest_first() -> None:
    body = _replayed({"limit": "3", "format": "json"}, date(2024, 10, 28))
    days = [int(r["timestamp"]) for r in body["data"]]
    # 2024-10-26 is missing at the source, so three records reach back to the 25th
    assert days == [1730073600, 1729987200, 1729814400]
    assert "time_until_update" in body["data"][0]
    assert all("time_until_update" not in r for r in body["data"][1:])
    assert body["metadata"] == {"error": None}


def test_replay_limit_zero_is_all_history_up_to_the_simulated_day() -> None:
    body = _replayed({"limit": "0"}, date(2024, 1, 10))
    assert len(body["data"]) == 10
    assert all(
        isinstance(r["value"], str) and isinstance(r["timestamp"], str) for r in body["data"]
    )


def test_the_sample_replays_through_the_live_client_and_parser() -> None:
    session = mount_replay(
        new_session(), functools.partial(replay.respond, as_of=date(2025, 11, 15))
    )
    http = SourceHttp("alternative_me", client.ALTERNATIVE_ME_BASE_URL, session)
    (page,) = client.fetch_fear_greed(
        http, date(2024, 1, 1), date(2025, 11, 15), today=date(2025, 11, 15)
    )
    frame = records.parse_fear_greed(page)
    assert frame["date"].min() == date(2024, 1, 1)
    assert frame["date"].max() == date(2025, 11, 15)
    assert frame.height == 684  # 685 days, 2024-10-26 missing at the source
    assert frame["value"].is_between(0, 100).all()
