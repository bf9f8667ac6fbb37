"""What the fault drills rely on, in process and fast: the clock setting CRW_TODAY, the read
timeout setting, live ingestion through a loopback base URL with a path prefix, and the
duplicate count in the fetch log (with its migration for an older warehouse)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import polars as pl
import pytest
from loopback import Fault, json_edit, serving

from ingestion.batches import parse_batch
from ingestion.binance import records
from ingestion.errors import IngestionError
from ingestion.payloads import Payload
from orchestration import runs
from orchestration.assets.binance import FUNDING_RATES
from orchestration.assets.coingecko import GLOBAL_SNAPSHOTS
from orchestration.ingest import ingest_window
from warehouse.connection import connect
from warehouse.settings import Settings, SettingsError
from warehouse.tables import FetchRecord, log_fetches

DAY = date(2025, 11, 15)


def test_crw_today_is_the_date_live_mode_treats_as_today() -> None:
    assert Settings.from_env({"CRW_TODAY": "2025-11-16"}).today() == date(2025, 11, 16)
    assert Settings.from_env({}).today() == datetime.now(UTC).date()
    live = Settings.from_env({"CRW_SOURCE_MODE": "live", "CRW_TODAY": "2025-11-16"})
    assert runs.default_window(live) == (DAY, DAY)


def test_bad_clock_and_timeout_values_are_reported_at_once() -> None:
    with pytest.raises(SettingsError) as err:
        Settings.from_env({"CRW_TODAY": "16/11/2025", "CRW_HTTP_READ_TIMEOUT_S": "0"})
    message = str(err.value)
    assert "CRW_HTTP_READ_TIMEOUT_S must be a positive number of seconds, got '0'" in message
    assert "CRW_TODAY must be an ISO date (YYYY-MM-DD), got '16/11/2025'" in message
    assert Settings.from_env({"CRW_HTTP_READ_TIMEOUT_S": "2.5"}).http_read_timeout_s == 2.5


def _live(tmp_path: Path, server, today: date) -> Settings:
    return Settings.from_env(
        {
            "CRW_SOURCE_MODE": "live",
            "CRW_DATA_DIR": str(tmp_path / "data"),
            "CRW_TODAY": today.isoformat(),
            **server.environment(),
        }
    )


def test_a_snapshot_source_is_taken_for_the_day_before_crw_today(tmp_path: Path) -> None:
    with serving(DAY) as server:
        settings = _live(tmp_path, server, DAY + timedelta(days=1))
        result = ingest_window(GLOBAL_SNAPSHOTS, settings, DAY, DAY)
        assert result.rows_inserted == 1
        assert [(s.name, s.path, s.status) for s in server.served] == [
            ("coingecko", "/api/v3/global", 200)
        ]
        # a day further back cannot be snapshotted any more
        with pytest.raises(IngestionError, match="cannot be backfilled"):
            ingest_window(GLOBAL_SNAPSHOTS, settings, DAY - timedelta(days=3), DAY)


def test_collapsed_duplicates_are_counted_per_payload_in_the_fetch_log(tmp_path: Path) -> None:
    def repeat_first(rows: list) -> list:
        return [rows[0], *rows] if rows else rows

    with serving(DAY) as server:
        server.set_faults(
            Fault(
                "binance_futures",
                "/fapi/v1/fundingRate",
                json_edit(repeat_first),
                params={"symbol": "BTCUSDT"},
            )
        )
        settings = _live(tmp_path, server, DAY + timedelta(days=1))
        result = ingest_window(FUNDING_RATES, settings, DAY, DAY)
    with connect(settings.duckdb_path, read_only=True) as conn:
        logged = conn.execute(
            "select series, outcome, duplicates_collapsed from meta.fetch_log order by 1"
        ).fetchall()
        funding = conn.execute(
            "select symbol, count(*) from raw_binance.funding_rates group by 1 order by 1"
        ).fetchall()
    assert logged == [("BTCUSDT", "loaded", 1), ("ETHUSDT", "loaded", 0)]
    # the trailing window: 4 days of 3 fundings, the repeat kept once
    assert funding == [("BTCUSDT", 12), ("ETHUSDT", 12)]
    assert result.failures == []


def _page(rows: list, index: int) -> Payload:
    return Payload(
        source="binance",
        endpoint="funding_rates",
        url="u",
        params={"symbol": "BTCUSDT"},
        status=200,
        body=orjson.dumps(rows),
        content_type="application/json",
        fetched_at=datetime(2025, 11, 16, tzinfo=UTC),
        landing_path=Path(f"page{index}.json"),
    )


def test_a_repeat_across_pages_counts_against_the_later_page() -> None:
    rows = [
        {"symbol": "BTCUSDT", "fundingTime": 1763164800000 + i * 28_800_000, "fundingRate": "1e-4"}
        for i in range(3)
    ]
    batch = parse_batch(
        [_page(rows[:2], 1), _page(rows[1:], 2)],
        records.parse_funding_rates,
        records.RAW_FUNDING_RATES_SCHEMA,
        key=FUNDING_RATES.key,
    )
    assert batch.frame.height == 3
    assert batch.duplicates_collapsed == 1
    assert batch.duplicates_per_payload == {"page2.json": 1}
    assert isinstance(batch.frame, pl.DataFrame)


def test_a_fetch_log_without_the_duplicate_count_gains_it(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    conn.execute("create schema meta")
    conn.execute(
        """
        create table meta.fetch_log (
            source varchar not null, endpoint varchar not null, params json, status integer,
            bytes bigint, sha256 varchar, landing_path varchar, fetched_at timestamptz not null,
            rows_parsed bigint, error varchar, batch_id varchar, table_name varchar,
            series varchar, window_start date, window_end date, outcome varchar
        )
        """
    )
    conn.execute(
        "insert into meta.fetch_log (source, endpoint, fetched_at, outcome) "
        "values ('old', 'e', now(), 'loaded')"
    )
    record = FetchRecord(
        source="binance",
        endpoint="funding_rates",
        params={"symbol": "BTCUSDT"},
        status=200,
        bytes=2,
        sha256="s",
        landing_path="f",
        fetched_at=datetime(2025, 11, 16, tzinfo=UTC),
        rows_parsed=3,
        outcome="loaded",
        duplicates_collapsed=2,
    )
    log_fetches(conn, [record], batch_id="b")
    rows = conn.execute(
        "select source, outcome, duplicates_collapsed from meta.fetch_log order by 1"
    ).fetchall()
    assert rows == [("binance", "loaded", 2), ("old", "loaded", None)]
