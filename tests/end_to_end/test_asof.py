"""As of a past instant, from the BI copy's table macros (warehouse/asof.py): the answers equal
the latest marts where nothing was revised afterwards, and differ exactly where the sample holds
a revision; every revision of the sample (Farside fund-days, BLS / Fed calendar listings) is
walked, with the expected knowledge rebuilt in Python from the raw versions."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from risk_expectations import rows_as_dicts

from orchestration import bi_commands
from warehouse.connection import connect
from warehouse.publish import BI_FILE, connect_bi_readonly
from warehouse.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.end_to_end

FAR_FUTURE = "2100-01-01 00:00:00"


def farside_revision_days() -> list[date]:
    """The days the bundled Farside pages change version (versions.json): the first day each
    dated version is served and the day after it stops."""
    versions = json.loads((PROJECT_DIR / "ingestion/sample/farside/versions.json").read_text())
    days = set()
    for page_versions in versions.values():
        for version in page_versions:
            if version["served_from"]:
                days.add(date.fromisoformat(version["served_from"]))
                days.add(date.fromisoformat(version["served_to"]) + timedelta(days=1))
    return sorted(days)


@pytest.fixture(scope="module")
def revised(sample_run: Settings) -> Settings:
    """The sample run's own warehouse: its one backfill also fetched Farside as of each
    revision day (as a run day by day would have), so it holds every version."""
    days = farside_revision_days()
    assert days, "the bundled Farside pages hold no revision"
    with connect(sample_run.duckdb_path, read_only=True) as conn:
        fetched = {
            d
            for (d,) in conn.execute(
                "select distinct fetched_at from raw_farside.etf_flows"
            ).fetchall()
        }
    # sample mode stamps a fetch as of day D at D+1 00:10 UTC
    expected = {datetime.combine(d + timedelta(days=1), time(0, 10), tzinfo=UTC) for d in days}
    assert expected <= {f.astimezone(UTC) for f in fetched}, sorted(fetched)
    return sample_run


@pytest.fixture(scope="module")
def bi(revised: Settings):
    conn = connect_bi_readonly(revised.bi_dir / BI_FILE)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def warehouse(revised: Settings):
    conn = connect(revised.duckdb_path, read_only=True)
    yield conn
    conn.close()


def stamp(at: datetime) -> str:
    """The instant as the macros take it: a UTC timestamp."""
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def table(conn, query: str, params=()) -> list[tuple]:
    return sorted(conn.execute(query, list(params)).fetchall(), key=repr)


def test_as_of_the_far_future_is_the_latest_marts(bi, warehouse) -> None:
    columns = (
        "date, asset, net_flow_usd, flow_5d_usd, cumulative_flow_usd, outflow_streak_days, "
        "inflow_streak_days, largest_outflow_ticker, largest_outflow_usd, funds_reported"
    )
    assert table(bi, f"select {columns} from etf_flows_asof(?)", [FAR_FUTURE]) == table(
        bi, f"select {columns} from fct_etf_flows_asset_daily"
    )
    assert table(bi, "select * from alerts_asof(?)", [FAR_FUTURE]) == table(
        bi, "select * from fct_risk_alerts"
    )
    latest = rows_as_dicts(bi, "select * from fct_market_pulse_daily order by date")
    as_of = rows_as_dicts(bi, "select * from pulse_asof(?) order by date", [FAR_FUTURE])
    assert [list(r) for r in as_of[:1]] == [list(r) for r in latest[:1]]  # same columns, order
    assert as_of == latest
    # the calendars at their latest fetch: every event it lists, with dim_macro_events' date,
    # original date and status (which it computes as of that fetch)
    (last_fetch,) = bi.execute("select max(valid_from) from fct_macro_event_versions").fetchone()
    query = "select event_id, scheduled_date, scheduled_at_utc, original_scheduled_date, status "
    events = table(bi, query + "from macro_events_asof(?)", [stamp(last_fetch)])
    listed = table(
        warehouse,
        query + "from intermediate.int_macro_events_enriched where last_seen_date = as_of_date",
    )
    assert events == listed


def etf_observations(warehouse) -> dict[tuple, list[tuple[datetime, Decimal | None]]]:
    """Every fetched figure of each fund-day, in fetch order (the same page preference within
    one fetch as staging: the full-history page)."""
    history: dict[tuple, dict[datetime, Decimal | None]] = defaultdict(dict)
    for asset, ticker, day, fetched_at, flow in warehouse.execute(
        "select asset, ticker, date, fetched_at, flow_usd_m from raw_farside.etf_flows "
        "order by fetched_at, _loaded_at, (page = 'all_data'), _payload_sha256 desc"
    ).fetchall():
        history[(asset, ticker, day)][fetched_at] = (
            None if flow is None else Decimal(str(flow)) * 1_000_000
        )
    return {key: sorted(by_fetch.items()) for key, by_fetch in history.items()}


def known_flows(observations, at: datetime) -> dict[tuple, tuple[Decimal, int]]:
    """(asset, date) -> (net flow, funds reported) from the figures fetched by ``at``."""
    sums: dict[tuple, list] = defaultdict(lambda: [Decimal(0), 0])
    for (asset, _, day), seen in observations.items():
        known = [flow for fetched_at, flow in seen if fetched_at <= at]
        if known and known[-1] is not None:
            sums[(asset, day)][0] += known[-1]
            sums[(asset, day)][1] += 1
    return {key: (net.quantize(Decimal("0.01")), n) for key, (net, n) in sums.items()}


def changed_after(seen: list[tuple[datetime, Decimal | None]], at: datetime) -> bool:
    """A figure fetched after ``at`` differs from the one known at ``at`` (or none was)."""
    known = [flow for fetched_at, flow in seen if fetched_at <= at]
    return (
        any(flow != known[-1] for fetched_at, flow in seen if fetched_at > at)
        if known
        else (any(fetched_at > at for fetched_at, _ in seen))
    )


def revisions(observations) -> list[datetime]:
    """Fetch instants at which a figure already published changed."""
    instants = set()
    for seen in observations.values():
        for (_, before), (fetched_at, after) in zip(seen, seen[1:], strict=False):
            if before != after:
                instants.add(fetched_at)
    return sorted(instants)


def test_etf_flows_as_of_every_revision_differ_from_latest_exactly_where_revised(
    bi, warehouse
) -> None:
    observations = etf_observations(warehouse)
    instants = revisions(observations)
    assert instants, "the sample holds no ETF revision"
    latest = known_flows(observations, datetime.max.replace(tzinfo=UTC))
    for revised_at in instants:
        for at in (revised_at - timedelta(seconds=1), revised_at):
            expected = known_flows(observations, at)
            got = {
                (asset, day): (net, n)
                for day, asset, net, n in bi.execute(
                    "select date, asset, net_flow_usd, funds_reported from etf_flows_asof(?)",
                    [stamp(at)],
                ).fetchall()
            }
            assert got == expected, at
            # differs from the latest answer exactly on the asset-days revised after `at`
            revised_later = {
                (asset, day)
                for (asset, _, day), seen in observations.items()
                if changed_after(seen, at)
            }
            differing = {key for key, value in got.items() if latest.get(key) != value}
            assert differing == revised_later & set(got), at
            if at < revised_at:
                assert differing, f"the revision at {revised_at} is not visible before it"


def test_the_btc_flow_of_2025_08_28_as_first_published_and_as_revised(bi) -> None:
    def btc_flow(at: str):
        return bi.execute(
            "select net_flow_usd, funds_reported from etf_flows_asof(?) "
            "where asset = 'BTC' and date = '2025-08-28'",
            [at],
        ).fetchall()

    assert btc_flow("2025-08-28 20:00") == []  # not yet fetched
    # first published without IBIT (late reporter), then revised with it (+63.7m)
    (first,) = btc_flow("2025-08-29 09:00")
    (week_later,) = btc_flow("2025-09-04 09:00")
    assert float(first[0]) == pytest.approx(115.2e6)
    assert float(week_later[0]) == pytest.approx(178.9e6)
    assert week_later[1] == first[1] + 1


def test_the_btc_flow_of_2025_09_03_not_yet_tallied_then_reported(bi) -> None:
    """The issue's example: on the evening of 2025-09-03 the day is not reported yet (the
    fetch after it shows every fund as '-'); a week later it is Farside's +300.5m."""

    def btc_flow(at: str):
        return bi.execute(
            "select net_flow_usd from etf_flows_asof(?) "
            "where asset = 'BTC' and date = '2025-09-03' and funds_reported > 0",
            [at],
        ).fetchall()

    assert btc_flow("2025-09-03 20:00") == []
    assert btc_flow("2025-09-04 09:00") == []  # fetched, not yet tallied
    ((week_later,),) = btc_flow("2025-09-10 09:00")
    assert float(week_later) == pytest.approx(300.5e6)


def calendar_listings(warehouse) -> tuple[dict, dict]:
    """Per source, its fetch instants in order, and per (source, fetch) the events listed."""
    fetches: dict[str, dict] = defaultdict(dict)
    for source, model in (
        ("bls", "stg_bls__release_schedules"),
        ("fed", "stg_fed__fomc_meetings"),
    ):
        for snapshot_date, fetched_at in warehouse.execute(
            f"select distinct snapshot_date, fetched_at from staging.{model}"
        ).fetchall():
            fetches[source][snapshot_date] = fetched_at
    listed: dict[tuple, dict] = defaultdict(dict)
    for source, snapshot_date, event_id, scheduled_date, at_utc, cancelled in warehouse.execute(
        "select source, snapshot_date, event_id, scheduled_date, scheduled_at_utc, is_cancelled "
        "from intermediate.int_macro_event_snapshots_unioned"
    ).fetchall():
        listed[(source, fetches[source][snapshot_date])][event_id] = (
            scheduled_date,
            at_utc,
            cancelled,
        )
    order = {source: sorted(by_day.values()) for source, by_day in fetches.items()}
    return order, listed


def known_events(order, listed, at: datetime) -> dict[str, tuple]:
    known: dict[str, tuple] = {}
    for source, instants in order.items():
        seen = [t for t in instants if t <= at]
        if seen:
            known.update(listed[(source, seen[-1])])
    return known


def test_macro_events_as_of_every_calendar_change_differ_from_latest_exactly_where_changed(
    bi, warehouse
) -> None:
    order, listed = calendar_listings(warehouse)
    # the fetches whose listing differs from the source's previous fetch
    changes = sorted(
        after
        for source, instants in order.items()
        for before, after in zip(instants, instants[1:], strict=False)
        if listed[(source, before)] != listed[(source, after)]
    )

    def moves(at: datetime) -> bool:
        """An event already listed is listed otherwise from ``at`` (not just a new one)."""
        before = known_events(order, listed, at - timedelta(seconds=1))
        after = known_events(order, listed, at)
        return any(event in after and after[event] != v for event, v in before.items())

    revised = [t for t in changes if moves(t)]
    assert revised, "the sample holds no calendar revision"
    far = max(max(i) for i in order.values()) + timedelta(days=1)
    latest = known_events(order, listed, far)
    for changed_at in changes:
        for at in (changed_at - timedelta(seconds=1), changed_at):
            expected = known_events(order, listed, at)
            got = {
                event_id: (scheduled_date, at_utc, status == "cancelled")
                for event_id, scheduled_date, at_utc, status in bi.execute(
                    "select event_id, scheduled_date, scheduled_at_utc, status "
                    "from macro_events_asof(?)",
                    [stamp(at)],
                ).fetchall()
            }
            assert got == expected, at
            differing = {e for e, listing in got.items() if latest.get(e, listing) != listing}
            assert differing == {e for e in expected if e in latest and latest[e] != expected[e]}
    for at in revised:
        before = known_events(order, listed, at - timedelta(seconds=1))
        assert any(e in latest and latest[e] != v for e, v in before.items()), at


def test_the_next_cpi_date_as_known_on_two_mornings(bi) -> None:
    def next_cpi(at: str):
        return bi.execute(
            "select min(scheduled_date) from macro_events_asof(?) "
            "where event_type = 'CPI' and status in ('scheduled', 'postponed')",
            [at],
        ).fetchall()[0][0]

    assert str(next_cpi("2025-10-01 09:00")) == NEXT_CPI_ON_OCT_1
    assert str(next_cpi("2025-10-25 09:00")) == NEXT_CPI_ON_OCT_25


# the September CPI, due 2025-10-15 when the shutdown began, was moved to 2025-10-24
NEXT_CPI_ON_OCT_1 = "2025-10-15"
NEXT_CPI_ON_OCT_25 = "2025-11-13"


def test_crw_asof_prints_the_pulse_alerts_and_flows_known_then(revised: Settings, capsys) -> None:
    def crw_asof(text: str) -> str:
        args = argparse.Namespace(timestamp=bi_commands.timestamp(text))
        assert bi_commands.cmd_asof(args, revised) == 0
        return capsys.readouterr().out

    out = crw_asof("2025-08-29 09:00")
    assert "as of 2025-08-29 09:00:00 UTC" in out
    assert "pulse 2025-08-28:" in out
    assert "ETF BTC 2025-08-28: +115.2m" in out
    assert "ETF BTC 2025-08-28: +178.9m" in crw_asof("2025-09-04 09:00")
    assert "BTC ETF flows none fetched yet" in crw_asof("2024-01-05")
