"""The landing zone keeps every body unchanged and can be re-read without the network."""

from __future__ import annotations

import gzip
from pathlib import Path

from ingestion.landing import land, landed_files, read_landed
from ingestion.payloads import Payload


def test_payload_is_landed_unchanged_and_can_be_read_back(tmp_path: Path) -> None:
    body = b'[[1704067200000,"42283.58"]]'
    payload = Payload(
        "binance",
        "spot_klines",
        "https://x/api/v3/klines",
        {"symbol": "BTCUSDT"},
        200,
        body,
        "application/json",
    )
    landed = land(payload, tmp_path, "2024-01-01")
    path = landed.landing_path
    assert path is not None
    assert path.parent == tmp_path / "binance" / "spot_klines" / "2024-01-01"
    assert path.name.endswith(f"_{payload.sha256[:12]}.json.gz")
    assert gzip.decompress(path.read_bytes()) == body
    again = read_landed(path)
    assert again.body == body and again.params == {"symbol": "BTCUSDT"} and again.status == 200
    assert list(landed_files(tmp_path, "binance", "spot_klines")) == [path]


def test_landing_leaves_no_temporary_files(tmp_path: Path) -> None:
    payload = Payload("fred", "observations", "u", {}, 200, b"a,b\n", "text/csv")
    land(payload, tmp_path, "2024-01-02")
    assert not [p for p in tmp_path.rglob("*.tmp")]
