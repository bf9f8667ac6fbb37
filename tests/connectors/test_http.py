"""The shared HTTP client: retries, Retry-After, terminal statuses, landing before judging."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
import responses

from ingestion.errors import FetchError, SourceBlockedError
from ingestion.http import RetryPolicy, SourceHttp, new_session, parse_retry_after
from ingestion.landing import land

BASE = "https://api.example.test"


def make_http(tmp_path: Path, sleeps: list[float], **kwargs) -> SourceHttp:
    return SourceHttp(
        source="binance",
        base_url=BASE,
        session=new_session(),
        sleep=sleeps.append,
        on_response=lambda p: land(p, tmp_path / "landing", "2024-01-01"),
        **kwargs,
    )


@responses.activate
def test_429_with_retry_after_is_retried_after_the_asked_delay(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", status=429, headers={"Retry-After": "7"}, json={"code": -1003})
    responses.get(f"{BASE}/x", status=200, json=[1, 2])
    sleeps: list[float] = []
    payload = make_http(tmp_path, sleeps).get("x", "/x")
    assert payload.json() == [1, 2]
    assert sleeps == [7.0]
    assert len(responses.calls) == 2


@responses.activate
def test_5xx_backs_off_exponentially_then_gives_up_with_the_source_named(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", status=503, body="upstream down")
    sleeps: list[float] = []
    http = make_http(tmp_path, sleeps, retry=RetryPolicy(max_attempts=4, backoff_base_s=1))
    with pytest.raises(FetchError) as err:
        http.get("spot_klines", "/x")
    assert sleeps == [1, 2, 4]
    assert err.value.status == 503
    assert "[binance/spot_klines]" in str(err.value)
    # the final error body was landed before the error was raised
    assert err.value.landing_path and Path(err.value.landing_path).exists()


@responses.activate
def test_451_geo_block_is_terminal_and_not_retried(tmp_path: Path) -> None:
    body = (Path(__file__).parents[1] / "fixtures/binance/geo_blocked_451.json").read_bytes()
    responses.get(f"{BASE}/x", status=451, body=body, content_type="application/json")
    sleeps: list[float] = []
    with pytest.raises(SourceBlockedError) as err:
        make_http(tmp_path, sleeps).get("spot_klines", "/x")
    assert len(responses.calls) == 1 and sleeps == []
    assert "geo-blocked (HTTP 451)" in str(err.value)
    assert "restricted location" in str(err.value)


@responses.activate
def test_400_is_not_retried(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", status=400, json={"code": -1121, "msg": "Invalid symbol."})
    with pytest.raises(FetchError) as err:
        make_http(tmp_path, []).get("spot_klines", "/x")
    assert err.value.status == 400 and len(responses.calls) == 1


@responses.activate
def test_timeouts_are_retried_then_reported(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", body=requests.Timeout("read timed out"))
    sleeps: list[float] = []
    http = make_http(tmp_path, sleeps, retry=RetryPolicy(max_attempts=3, backoff_base_s=0.5))
    with pytest.raises(FetchError, match="timed out after 3 attempts"):
        http.get("spot_klines", "/x")
    assert sleeps == [0.5, 1.0]


@responses.activate
def test_total_retry_wait_is_bounded_even_if_retry_after_asks_for_more(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", status=429, headers={"Retry-After": "600"}, body="slow down")
    sleeps: list[float] = []
    http = make_http(tmp_path, sleeps, retry=RetryPolicy(max_total_wait_s=60))
    with pytest.raises(FetchError) as err:
        http.get("spot_klines", "/x")
    assert sleeps == [] and err.value.status == 429


@responses.activate
def test_secret_headers_are_sent_but_never_landed_or_put_in_the_url(tmp_path: Path) -> None:
    responses.get(f"{BASE}/liq", status=200, json={"code": "0", "data": []})
    http = make_http(tmp_path, [], secret_headers={"CG-API-KEY": "s3cr3t-key"})
    payload = http.get("liquidations", "/liq", {"symbol": "BTC"})
    sent = responses.calls[0].request
    assert sent.headers["CG-API-KEY"] == "s3cr3t-key"
    assert "s3cr3t" not in sent.url
    landed = b"".join(p.read_bytes() for p in (tmp_path / "landing").rglob("*") if p.is_file())
    assert b"s3cr3t" not in landed
    assert payload.params == {"symbol": "BTC"}


@responses.activate
def test_user_agent_is_descriptive(tmp_path: Path) -> None:
    responses.get(f"{BASE}/x", json=[])
    make_http(tmp_path, []).get("x", "/x")
    assert responses.calls[0].request.headers["User-Agent"].startswith("crypto-risk-warehouse/")


def test_retry_after_accepts_seconds_and_http_dates() -> None:
    assert parse_retry_after("12") == 12.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None
