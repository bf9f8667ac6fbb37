"""Farside flow pages: the parser on recorded pages (incl. the ugly ones), the HTTP paths, the
sample replay, the trading calendar and the versioned raw load with its trailing re-fetch."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import dagster as dg
import polars as pl
import pytest
import requests
import responses

from ingestion.errors import FetchError, PayloadError, SourceBlockedError
from ingestion.farside import client, records, replay
from ingestion.farside.calendar import NYSE_HOLIDAYS, is_trading_day, trading_days_before
from ingestion.http import RetryPolicy, SourceHttp, new_session
from ingestion.payloads import Payload
from ingestion.replay import ReplayRequest
from orchestration.assets.farside import ETF_FLOWS, refetch_window
from orchestration.ingest import ingest_window
from orchestration.schedules import etf_flows_schedule
from warehouse.connection import connect
from warehouse.settings import PROJECT_DIR, Settings, SettingsError

FIXTURES = Path(__file__).parents[1] / "fixtures" / "farside"
BASE = "https://farside.test"


def page(name: str, endpoint: str = "btc_all_data") -> Payload:
    return Payload(
        source="farside",
        endpoint=endpoint,
        url=f"{BASE}/{endpoint}/",
        params={},
        status=200,
        body=(FIXTURES / name).read_bytes(),
        content_type="text/html; charset=UTF-8",
        landing_path=Path(f"/landing/farside/{endpoint}/{name}.gz"),
    )


def flows(frame: pl.DataFrame, day: date) -> dict[str, Decimal | None]:
    rows = frame.filter(pl.col("date") == day).select("ticker", "flow_usd_m").rows()
    return dict(rows)


# --- parser -------------------------------------------------------------------------------


def test_parser_returns_one_long_row_per_fund_and_trading_day() -> None:
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    assert frame.schema == pl.Schema(records.RAW_ETF_FLOWS_SCHEMA)
    assert sorted(set(frame["date"])) == [date(2024, 1, 11), date(2024, 1, 12), date(2024, 1, 16)]
    assert set(frame["asset"]) == {"BTC"} and set(frame["page"]) == {"all_data"}
    assert flows(frame, date(2024, 1, 11)) == {
        "IBIT": Decimal("111.7"),
        "FBTC": Decimal("227.0"),
        "GBTC": Decimal("-95.1"),
    }


def test_negative_in_parentheses_is_a_negative_flow() -> None:
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    assert flows(frame, date(2024, 1, 12))["GBTC"] == Decimal("-484.1")
    total = frame.filter(pl.col("date") == date(2024, 1, 12))["site_total_usd_m"].unique().to_list()
    assert total == [Decimal("-98.1")]


def test_thousands_separators_are_parsed() -> None:
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    jan16 = flows(frame, date(2024, 1, 16))
    assert jan16["IBIT"] == Decimal("1045.2")
    assert jan16["GBTC"] == Decimal("-1113.7")


def test_a_dash_cell_is_not_reported_null_never_zero() -> None:
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    jan16 = flows(frame, date(2024, 1, 16))
    assert "FBTC" in jan16 and jan16["FBTC"] is None  # an en dash (&ndash;) on the page
    assert flows(frame, date(2024, 1, 12))["FBTC"] == Decimal("0.0")  # a real 0.0 stays 0.0


def test_holiday_row_is_missing_not_zero() -> None:
    # 15 Jan 2024 (MLK day): every fund '-', Total 0.0 -> no row at all.
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    assert frame.filter(pl.col("date") == date(2024, 1, 15)).height == 0


def test_not_yet_tallied_row_is_dropped() -> None:
    # The last row (today, all '-', Total 0.0) is not a trading-day row yet.
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    assert frame["date"].max() == date(2024, 1, 16)


def test_footer_rows_are_skipped() -> None:
    frame = records.parse_etf_flows(page("btc_all_data_single_header.html"))
    assert frame.height == 3 * 3  # 3 trading days x 3 funds; no Total/Average/Maximum/Minimum
    assert Decimal("1542.9") not in frame["flow_usd_m"].to_list()


def test_fund_columns_are_mapped_by_header_text_when_a_new_fund_appears() -> None:
    before = records.parse_etf_flows(page("eth_before_new_fund.html", "eth_all_data"))
    after = records.parse_etf_flows(page("eth_with_new_fund.html", "eth_all_data"))
    day = date(2025, 8, 28)
    # ETHB was inserted in the middle: a positional parser would shift FETH and ETHE.
    assert flows(after, day) == {**flows(before, day), "ETHB": None}
    assert flows(after, date(2025, 9, 2))["ETHB"] == Decimal("5.5")
    issuers = dict(after.select("ticker", "issuer").unique().rows())
    assert issuers["ETHB"] == "Bitwise" and issuers["ETHA"] == "Blackrock"


def test_blocked_challenge_page_with_http_200_is_a_clear_error() -> None:
    with pytest.raises(PayloadError) as err:
        records.parse_etf_flows(page("cloudflare_challenge.html"))
    message = str(err.value)
    assert "challenge" in message and "field: table.etf" in message
    assert "landing file: /landing/farside/btc_all_data/cloudflare_challenge.html.gz" in message


def test_a_drifted_header_without_total_names_the_field() -> None:
    with pytest.raises(PayloadError, match="field: thead.Total"):
        records.parse_etf_flows(page("drifted_no_total_column.html"))


def test_a_malformed_cell_names_the_row_and_fund() -> None:
    with pytest.raises(PayloadError, match="field: 12 Jan 2024/FBTC"):
        records.parse_etf_flows(page("malformed_cell.html"))


def test_an_all_dash_row_with_a_nonzero_total_is_rejected() -> None:
    html = (
        (FIXTURES / "malformed_cell.html")
        .read_text()
        .replace("<td>386.0</td><td>n/a</td><td>386.0</td>", "<td>-</td><td>-</td><td>12.5</td>")
    )
    payload = Payload("farside", "btc_recent", "u", {}, 200, html.encode(), "text/html")
    with pytest.raises(PayloadError, match="no fund figures but a site Total"):
        records.parse_etf_flows(payload)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,045.0", Decimal("1045.0")),
        ("(1,113.7)", Decimal("-1113.7")),
        ("-95.1", Decimal("-95.1")),
        ("0.0", Decimal("0.0")),
        ("-", None),
        ("\u2013", None),
        ("", None),
    ],
)
def test_cell_grammar(text: str, expected: Decimal | None) -> None:
    assert records.parse_flow_value(text) == expected


# --- HTTP ----------------------------------------------------------------------------------


def http(sleeps: list[float] | None = None) -> SourceHttp:
    return SourceHttp(
        source="farside",
        base_url=BASE,
        session=new_session(user_agent=client.USER_AGENT),
        retry=RetryPolicy(max_attempts=3, backoff_base_s=0.5, max_total_wait_s=30.0),
        sleep=(sleeps.append if sleeps is not None else lambda s: None),
    )


def _body(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@responses.activate
def test_429_is_retried_honouring_retry_after() -> None:
    sleeps: list[float] = []
    responses.get(f"{BASE}/btc/", status=429, headers={"Retry-After": "7"})
    responses.get(
        f"{BASE}/btc/", body=_body("btc_all_data_single_header.html"), content_type="text/html"
    )
    payload = client.fetch_flow_page(http(sleeps), client.page("BTC", "recent"))
    assert payload.status == 200 and sleeps == [7.0]


@responses.activate
def test_5xx_is_retried_then_fails_with_the_status() -> None:
    for _ in range(3):
        responses.get(f"{BASE}/eth/", status=503)
    with pytest.raises(FetchError) as err:
        client.fetch_flow_page(http(), client.page("ETH", "recent"))
    assert err.value.status == 503 and len(responses.calls) == 3


@responses.activate
def test_403_is_a_blocked_error_and_not_retried() -> None:
    responses.get(f"{BASE}/btc/", status=403, body=_body("cloudflare_challenge.html"))
    with pytest.raises(SourceBlockedError, match="403"):
        client.fetch_etf_flows(http(), date(2025, 8, 1), date(2025, 8, 1), assets=("BTC",))
    assert len(responses.calls) == 1


@responses.activate
def test_a_timeout_becomes_a_fetch_error() -> None:
    responses.get(f"{BASE}/sol/", body=requests.Timeout("read timed out"))
    with pytest.raises(FetchError, match="timed out after 3 attempts"):
        client.fetch_flow_page(http(), client.page("SOL", "recent"))


@responses.activate
def test_challenge_page_on_200_fails_the_fetch_instead_of_returning_nothing() -> None:
    responses.get(f"{BASE}/btc/", body=_body("cloudflare_challenge.html"), content_type="text/html")
    with pytest.raises(PayloadError, match="challenge"):
        client.fetch_etf_flows(http(), date(2025, 8, 1), date(2025, 8, 1), assets=("BTC",))


@responses.activate
def test_recent_page_alone_when_it_covers_the_window_else_full_history_too() -> None:
    responses.get(
        f"{BASE}/btc/", body=_body("btc_all_data_single_header.html"), content_type="text/html"
    )
    responses.get(
        f"{BASE}/bitcoin-etf-flow-all-data/",
        body=_body("btc_all_data_single_header.html"),
        content_type="text/html",
    )
    covered = client.fetch_etf_flows(http(), date(2024, 1, 11), date(2024, 1, 16), assets=("BTC",))
    assert [p.endpoint for p in covered] == ["btc_recent"]
    backfill = client.fetch_etf_flows(http(), date(2024, 1, 2), date(2024, 1, 16), assets=("BTC",))
    assert [p.endpoint for p in backfill] == ["btc_recent", "btc_all_data"]


# --- sample replay --------------------------------------------------------------------------


def replayed(path: str, endpoint: str, as_of: date) -> pl.DataFrame:
    answer = replay.respond(ReplayRequest(path, {}, {}), as_of)
    assert answer.status == 200
    return records.parse_etf_flows(
        Payload("farside", endpoint, path, {}, 200, answer.body, answer.content_type)
    )


def test_replay_serves_the_page_as_published_on_as_of() -> None:
    frame = replayed("/bitcoin-etf-flow-all-data/", "btc_all_data", date(2024, 3, 1))
    assert frame["date"].max() == date(2024, 3, 1)
    recent = replayed("/btc/", "btc_recent", date(2024, 3, 1))
    # The recent page shows its last 30 rows; one is the 2024-02-19 holiday (all '-').
    assert recent["date"].n_unique() == replay.RECENT_ROWS - 1
    assert recent["date"].min() == date(2024, 1, 22)


def test_replay_serves_the_first_published_version_then_the_revised_one() -> None:
    first = flows(replayed("/btc/", "btc_recent", date(2025, 8, 28)), date(2025, 8, 28))
    later = flows(replayed("/btc/", "btc_recent", date(2025, 8, 29)), date(2025, 8, 28))
    assert first["IBIT"] is None and later["IBIT"] == Decimal("63.7")
    assert {k: v for k, v in first.items() if k != "IBIT"} == {
        k: v for k, v in later.items() if k != "IBIT"
    }


def test_sample_btc_page_shows_2025_09_03_untallied_on_the_day_then_the_real_total() -> None:
    def page(as_of: date) -> pl.DataFrame:
        return replayed("/bitcoin-etf-flow-all-data/", "btc_all_data", as_of)

    # On the day, 2025-09-03 is all '-' with Total 0.0 (not yet tallied): no row for it.
    assert page(date(2025, 9, 3))["date"].max() == date(2025, 9, 2)
    later = flows(page(date(2025, 9, 4)), date(2025, 9, 3))
    assert sum(v for v in later.values() if v is not None) == Decimal("300.5")
    assert page(date(2025, 11, 15))["date"].max() == date(2025, 11, 14)


def test_sol_page_before_launch_is_an_empty_table_not_an_error() -> None:
    assert replayed("/sol/", "sol_recent", date(2025, 1, 2)).height == 0


# --- calendar -------------------------------------------------------------------------------


def test_trading_calendar_skips_weekends_and_nyse_holidays() -> None:
    assert not is_trading_day(date(2025, 1, 9))  # national day of mourning
    assert not is_trading_day(date(2024, 1, 13))  # Saturday
    # 10 trading days before Tue 2024-01-30: skips two weekends and MLK day (2024-01-15).
    assert trading_days_before(date(2024, 1, 30), 10) == date(2024, 1, 16)


def test_holiday_seed_matches_the_python_calendar() -> None:
    seed = PROJECT_DIR / "dbt_project" / "seeds" / "us_market_holidays.csv"
    with seed.open() as fh:
        seeded = {date.fromisoformat(r["date"]): r["holiday"] for r in csv.DictReader(fh)}
    assert seeded == NYSE_HOLIDAYS


def test_refetch_window_reads_the_trailing_days_from_the_settings() -> None:
    day = date(2024, 1, 30)
    assert refetch_window(day, day, Settings.from_env({})) == (date(2024, 1, 16), day)
    zero = Settings.from_env({"CRW_FARSIDE_REFETCH_DAYS": "0"})
    assert refetch_window(day, day, zero) == (day, day)
    with pytest.raises(SettingsError, match="CRW_FARSIDE_REFETCH_DAYS"):
        Settings.from_env({"CRW_FARSIDE_REFETCH_DAYS": "ten"})


# --- versioned raw load ---------------------------------------------------------------------

RAW_QUERY = (
    "select asset, ticker, date, flow_usd_m, site_total_usd_m, _payload_sha256 "
    "from raw_farside.etf_flows order by all"
)


def test_a_partition_reloads_its_trailing_window_and_a_rerun_adds_nothing(
    settings: Settings,
) -> None:
    result = ingest_window(ETF_FLOWS, settings, date(2025, 8, 20), date(2025, 8, 20))
    assert (result.start, result.end) == (date(2025, 8, 6), date(2025, 8, 20))
    with connect(settings.duckdb_path, read_only=True) as conn:
        first = conn.execute(RAW_QUERY).fetchall()
        days = conn.execute("select min(date), max(date) from raw_farside.etf_flows").fetchall()
    assert days == [(date(2025, 8, 6), date(2025, 8, 20))]
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 20), date(2025, 8, 20))
    with connect(settings.duckdb_path, read_only=True) as conn:
        assert conn.execute(RAW_QUERY).fetchall() == first


def test_a_revised_fund_day_keeps_both_versions_in_raw(settings: Settings) -> None:
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 28), date(2025, 8, 28))
    ingest_window(ETF_FLOWS, settings, date(2025, 8, 29), date(2025, 8, 29))
    with connect(settings.duckdb_path, read_only=True) as conn:
        versions = conn.execute(
            "select flow_usd_m, site_total_usd_m from raw_farside.etf_flows "
            "where asset = 'BTC' and ticker = 'IBIT' and date = '2025-08-28' "
            "order by fetched_at"
        ).fetchall()
    assert versions == [(None, Decimal("115.20")), (Decimal("63.70"), Decimal("178.90"))]


def test_schedule_runs_after_the_us_close_for_the_previous_day_tuesday_to_saturday() -> None:
    assert etf_flows_schedule.cron_schedule == "30 5 * * 2-6"
    context = dg.build_schedule_context(
        scheduled_execution_time=datetime(2025, 9, 6, 5, 30, tzinfo=UTC)
    )
    request = etf_flows_schedule(context)
    assert request.partition_key == "2025-09-05"  # Saturday's run loads Friday's US session
