"""CoinGecko /global: percent points become fractions, seconds become the UTC day, error bodies on
200, the key stays in a header, and the replay serves the simulated day's snapshot."""

from __future__ import annotations

import functools
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import responses

from ingestion.coingecko import client, records, replay
from ingestion.errors import FetchError, PayloadError
from ingestion.http import RetryPolicy, SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest, mount_replay

FIXTURES = Path(__file__).parents[1] / "fixtures" / "coingecko"
LANDING = Path("/landing/coingecko/global_snapshots/x.json.gz")


def payload(body: bytes) -> Payload:
    return Payload(
        "coingecko",
        "global_snapshots",
        "https://x/api/v3/global",
        {},
        200,
        body,
        "application/json",
        landing_path=LANDING,
    )


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(change) -> bytes:
    body = json.loads(fixture("global.json"))
    change(body["data"])
    return json.dumps(body).encode()


def test_dominance_is_stored_as_a_fraction_not_percent_points() -> None:
    frame = records.parse_global_snapshots(payload(fixture("global.json")))
    assert frame["btc_dominance"][0] == pytest.approx(0.541)
    assert frame["eth_dominance"][0] == pytest.approx(0.168)


def test_updated_at_seconds_give_the_utc_day_and_money_stays_decimal() -> None:
    frame = records.parse_global_snapshots(payload(fixture("global.json")))
    assert frame.schema == records.RAW_GLOBAL_SNAPSHOTS_SCHEMA
    row = frame.row(0, named=True)
    assert row["updated_at"] == datetime(2024, 6, 1, 0, 20, tzinfo=UTC)
    assert row["date"] == date(2024, 6, 1)
    assert row["total_market_cap_usd"] == Decimal("2720000000000.5")
    assert row["total_volume_usd"] == Decimal("91000000000")
    assert row["active_cryptocurrencies"] == 13690


def test_a_rate_limit_body_on_http_200_is_a_payload_error_naming_the_field() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_global_snapshots(payload(fixture("error_rate_limited.json")))
    message = str(err.value)
    assert "[coingecko/global_snapshots]" in message
    assert "field: status.error_code" in message
    assert f"landing file: {LANDING}" in message


def test_a_missing_btc_share_is_drift_naming_the_field() -> None:
    with pytest.raises(PayloadError, match="field: btc"):
        records.parse_global_snapshots(
            payload(edited(lambda d: d["market_cap_percentage"].pop("btc")))
        )


def test_a_renamed_market_cap_object_is_rejected() -> None:
    body = edited(lambda d: d.update(total_mcap=d.pop("total_market_cap")))
    with pytest.raises(PayloadError, match="field: total_market_cap"):
        records.parse_global_snapshots(payload(body))


def test_a_dominance_above_100_percent_is_rejected() -> None:
    body = edited(lambda d: d["market_cap_percentage"].update(btc=541))
    with pytest.raises(PayloadError, match="field: data.market_cap_percentage.btc"):
        records.parse_global_snapshots(payload(body))


def test_a_string_timestamp_that_is_not_a_number_is_rejected() -> None:
    with pytest.raises(PayloadError, match="field: data.updated_at"):
        records.parse_global_snapshots(payload(edited(lambda d: d.update(updated_at="soon"))))


def test_volume_eth_share_and_coin_count_may_be_absent_and_are_null() -> None:
    def strip(d: dict) -> None:
        d["total_volume"] = {}
        d["market_cap_percentage"].pop("eth")
        d.pop("active_cryptocurrencies")

    row = records.parse_global_snapshots(payload(edited(strip))).row(0, named=True)
    assert row["total_volume_usd"] is None
    assert row["eth_dominance"] is None
    assert row["active_cryptocurrencies"] is None


@responses.activate
def test_the_api_key_travels_in_a_header_never_the_url() -> None:
    responses.get(
        "https://g.test/api/v3/global",
        body=fixture("global.json"),
        content_type="application/json",
        match=[responses.matchers.header_matcher({client.API_KEY_HEADER: "demo-secret"})],
    )
    http = SourceHttp("coingecko", "https://g.test", new_session())
    page = client.fetch_global_snapshot(http, api_key="demo-secret")
    assert "demo-secret" not in responses.calls[0].request.url
    assert "demo-secret" not in page.url and not page.params
    assert http.received == [page]


@responses.activate
def test_a_429_is_retried_within_the_budget() -> None:
    responses.get(
        "https://g.test/api/v3/global",
        status=429,
        headers={"Retry-After": "2"},
        body=fixture("error_rate_limited.json"),
    )
    responses.get(
        "https://g.test/api/v3/global", body=fixture("global.json"), content_type="application/json"
    )
    slept: list[float] = []
    http = SourceHttp(
        "coingecko",
        "https://g.test",
        new_session(),
        retry=RetryPolicy(max_total_wait_s=5),
        sleep=slept.append,
    )
    (page,) = client.fetch_global_snapshots(http, date(2024, 6, 1), date(2024, 6, 1))
    assert slept == [2.0]
    assert records.parse_global_snapshots(page).height == 1


def test_replay_serves_the_snapshot_of_the_simulated_day() -> None:
    session = mount_replay(new_session(), functools.partial(replay.respond, as_of=date(2025, 3, 1)))
    http = SourceHttp("coingecko", client.COINGECKO_BASE_URL, session)
    row = records.parse_global_snapshots(client.fetch_global_snapshot(http)).row(0, named=True)
    assert row["date"] == date(2025, 3, 1)
    assert 0.5 < row["btc_dominance"] < 0.7
    assert row["total_market_cap_usd"] > Decimal("1e12")


def test_replay_without_a_snapshot_for_the_day_is_a_404_fetch_error() -> None:
    answer = replay.respond(ReplayRequest("/api/v3/global", {}, {}), date(2023, 1, 1))
    assert answer.status == 404
    assert json.loads(answer.body)["status"]["error_code"] == 404
    session = mount_replay(new_session(), functools.partial(replay.respond, as_of=date(2023, 1, 1)))
    with pytest.raises(FetchError):
        client.fetch_global_snapshot(SourceHttp("coingecko", client.COINGECKO_BASE_URL, session))


def test_every_bundled_snapshot_parses_and_is_dated_by_its_key() -> None:
    snapshots = replay._snapshots()
    assert len(snapshots) == 685  # every day of the sample window, 2024-01-01..2025-11-15
    for day in ("2024-01-01", "2024-10-26", "2025-11-14", "2025-11-15"):
        frame = records.parse_global_snapshots(payload(json.dumps(snapshots[day]).encode()))
        assert frame["date"][0] == date.fromisoformat(day)
