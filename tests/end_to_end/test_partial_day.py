"""A partial day: one symbol blocked (HTTP 451 for ETHUSDT on Binance spot) while everything
else answers. On a copy of the sample run's warehouse whose ETH price for the last day is not
loaded yet, `crw run` for that day loads BTC and the rest, records ETH as failed with its
endpoint and landing file, still builds the marts and the brief (the pulse names the stale
ETH prices, `prices:ETH`, and fires no alert on them), prints the failed input and exits
non-zero; a second run once Binance answers again fills the gap."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sample_env import sample_environment, step_failures

from ingestion.binance import replay as binance_replay
from ingestion.replay import ReplayRequest, ReplayResponse
from warehouse.connection import connect
from warehouse.settings import Settings

pytestmark = pytest.mark.end_to_end

DAY = date(2025, 11, 15)
BLOCKED = b'{"code":0,"msg":"Service unavailable from a restricted location"}'


def _eth_blocked(request: ReplayRequest, as_of: date) -> ReplayResponse:
    if request.path.endswith("/api/v3/klines") and request.params.get("symbol") == "ETHUSDT":
        return ReplayResponse(451, BLOCKED)
    return _REAL_RESPOND(request, as_of)


_REAL_RESPOND = binance_replay.respond


def _crw_run(settings: Settings, day: date) -> tuple[int, str]:
    """What `crw run --start day --end day` does (orchestration/cli.py, which only the CLI's
    own tests import): its exit code and the summary of failed inputs."""
    from orchestration import runs

    started = datetime.now(UTC)
    runs.prepare_environment(settings)
    runs.prepare_dbt()
    results = runs.run_pipeline(settings, day, day, quiet=True)
    failed = runs.failed_inputs(settings, started)
    code = 1 if failed or not all(r.success for r in results) else 0
    return code, "\n".join([*step_failures(results), *failed])


@pytest.fixture(scope="module")
def partial(sample_run: Settings, tmp_path_factory: pytest.TempPathFactory):
    """(settings, exit code, output) of the day's run with ETHUSDT blocked."""
    data_dir = tmp_path_factory.mktemp("partial") / "data"
    data_dir.mkdir(parents=True)
    shutil.copy2(sample_run.duckdb_path, data_dir / "warehouse.duckdb")
    wal = sample_run.duckdb_path.with_name(sample_run.duckdb_path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, data_dir / wal.name)
    with connect(data_dir / "warehouse.duckdb") as conn:
        conn.execute(
            "delete from raw_binance.spot_klines where symbol = 'ETHUSDT' and date = ?", [DAY]
        )
    with sample_environment(data_dir) as settings, pytest.MonkeyPatch.context() as mp:
        mp.setattr(binance_replay, "respond", _eth_blocked)
        code, output = _crw_run(settings, DAY)
    return settings, code, output


def test_the_run_exits_non_zero_and_names_the_failed_input(partial) -> None:
    settings, code, output = partial
    assert code == 1, output
    assert output.startswith("crw: 1 input(s) FAILED")
    (line,) = [line for line in output.splitlines() if line.startswith("  binance ETHUSDT")]
    assert "spot_klines" in line and "HTTP 451" in line and "landing file:" in line
    landing = line.split("landing file: ")[1].split(" ")[0]
    assert Path(landing).exists() and landing.startswith(str(settings.landing_dir))
    # no step failed (the summary starts the output): the brief was still built
    assert (settings.reports_dir / "risk_brief.html").exists()


def test_the_other_symbols_loaded_and_eth_is_logged_as_failed(partial) -> None:
    settings, _, _ = partial
    with connect(settings.duckdb_path, read_only=True) as conn:
        symbols = conn.execute(
            "select symbol from raw_binance.spot_klines where date = ? order by 1", [DAY]
        ).fetchall()
        failed = conn.execute(
            "select series, status, endpoint from meta.fetch_log "
            "where outcome = 'error' and source = 'binance'"
        ).fetchall()
    assert [s for (s,) in symbols] == ["ADAUSDT", "BTCUSDT", "SOLUSDT", "XRPUSDT"]
    assert failed == [("ETHUSDT", 451, "spot_klines")]


def test_the_pulse_names_the_stale_prices_and_fires_no_alert_on_them(partial) -> None:
    settings, _, _ = partial
    with connect(settings.duckdb_path, read_only=True) as conn:
        pulse = conn.execute(
            "select btc_close, eth_close, stale_inputs from marts.fct_market_pulse_daily "
            "where date = ?",
            [DAY],
        ).fetchall()
        price_alerts = conn.execute(
            "select count(*) from marts.fct_risk_alerts where date = ? and asset = 'ETH'",
            [DAY],
        ).fetchall()
    ((btc_close, _, stale),) = pulse
    assert btc_close is not None
    assert "prices:ETH" in stale.split(", ") and "prices:BTC" not in stale.split(", ")
    assert price_alerts == [(0,)]
    report = (settings.reports_dir / "risk_brief.html").read_text()
    header = report[: report.index("<main>")]
    assert "stale inputs:" in header and "prices:ETH" in header


def test_a_second_run_once_binance_answers_again_fills_the_gap(partial) -> None:
    settings, _, _ = partial
    with sample_environment(settings.data_dir):
        code, output = _crw_run(settings, DAY)
    assert code == 0, output
    assert "FAILED" not in output
    with connect(settings.duckdb_path, read_only=True) as conn:
        eth = conn.execute(
            "select count(*) from raw_binance.spot_klines where symbol = 'ETHUSDT' and date = ?",
            [DAY],
        ).fetchall()
        stale = conn.execute(
            "select stale_inputs from marts.fct_market_pulse_daily where date = ?", [DAY]
        ).fetchall()
    assert eth == [(1,)]
    assert not stale[0][0] or "prices:ETH" not in stale[0][0].split(", ")
