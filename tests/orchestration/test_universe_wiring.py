"""The universe wired through the run: raw assets fetch its symbols and list them in their
metadata, meta/universe feeds the models, a bad or unlisted entry stops the run before any fetch
(sample mode), and in live mode a symbol a venue does not list fails on its own."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import dagster as dg
import pytest
import responses
import yaml

from ingestion.binance import client as binance_client
from ingestion.bybit import client as bybit_client
from ingestion.universe import load_universe
from orchestration.assets import binance, bybit
from orchestration.assets.universe import configured_universe, universe_for
from orchestration.ingest import for_each, ingest_window, load_universe_table
from warehouse.connection import connect
from warehouse.settings import DEFAULT_UNIVERSE_FILE, PROJECT_DIR, Settings, SettingsError
from warehouse.tables import UNIVERSE_TABLE

FIXTURES = Path(__file__).parents[1] / "fixtures"
SPOT = "https://data-api.binance.vision/api/v3/klines"
BYBIT_FUNDING = "https://api.bybit.com/v5/market/funding/history"


def universe_file(tmp_path: Path, **changes: object) -> Path:
    document = {**yaml.safe_load(DEFAULT_UNIVERSE_FILE.read_text()), **changes}
    path = tmp_path / "universe.yml"
    path.write_text(yaml.safe_dump(document))
    return path


@pytest.fixture(scope="module")
def defs():
    from orchestration import runs

    runs.prepare_dbt()
    from orchestration.definitions import defs

    return defs


def test_the_definitions_fetch_the_configured_universe() -> None:
    universe = configured_universe()
    assert binance.SPOT_KLINES.universe == universe.binance_spot_symbols()
    assert bybit.OPEN_INTEREST.universe == universe.bybit_perpetual_symbols()


def test_each_raw_asset_lists_its_symbols_in_its_metadata(defs) -> None:
    graph = defs.resolve_asset_graph()
    metadata = {
        key.to_user_string(): graph.get(key).metadata.get("universe")
        for key in graph.get_all_asset_keys()
    }
    assert metadata["binance/spot_klines"] == "BTCUSDT, ETHUSDT, SOLUSDT, XRPUSDT, ADAUSDT"
    assert metadata["binance/futures_klines"] == "BTCUSDT, ETHUSDT"
    assert metadata["bybit/funding_rates"] == "BTCUSDT, ETHUSDT"
    assert metadata["deribit/book_summaries"] == "BTC, ETH"
    assert metadata["coinglass/liquidations"] == "BTC, ETH"
    assert metadata["farside/etf_flows"] == "BTC, ETH, SOL"
    assert metadata["fred/observations"] is None  # fixed series, not the universe's


def test_the_models_read_the_universe_asset(defs) -> None:
    graph = defs.resolve_asset_graph()
    key = dg.AssetKey(["meta", "universe"])
    assert graph.get(key).child_keys == {dg.AssetKey(["staging", "stg_meta__universe_assets"])}
    for model in ("int_risk_inputs_joined", "int_derivatives_days_enriched"):
        parents = graph.get(dg.AssetKey(["intermediate", model])).parent_keys
        assert dg.AssetKey(["staging", "stg_meta__universe_assets"]) in parents
    jobs = {job.name: job.asset_layer.selected_asset_keys for job in defs.resolve_all_job_defs()}
    assert key in jobs["daily_pipeline"] and key in jobs["raw_ingest"]


def test_the_universe_table_is_replaced_not_appended(settings: Settings) -> None:
    universe = load_universe(DEFAULT_UNIVERSE_FILE)
    assert load_universe_table(settings, universe) == 20
    assert load_universe_table(settings, universe) == 20
    with connect(settings.duckdb_path, read_only=True) as conn:
        rows = conn.execute(
            f"select kind, venue, asset, symbol from {UNIVERSE_TABLE} order by all"
        ).fetchall()
    assert len(rows) == 20
    assert ("spot", "binance", "ADA", "ADAUSDT") in rows
    assert ("pulse", None, "ETH", None) in rows


def test_a_bad_universe_is_a_settings_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CRW_UNIVERSE_FILE", str(universe_file(tmp_path, pulse=["BTC", "eth"])))
    with pytest.raises(SettingsError, match=r"pulse\[1\]: 'eth' is not an asset ticker"):
        universe_for(Settings.from_env())


def test_a_missing_universe_file_is_a_settings_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="CRW_UNIVERSE_FILE must name an existing file"):
        Settings.from_env({"CRW_UNIVERSE_FILE": str(tmp_path / "nowhere.yml")})


def test_live_mode_does_not_check_the_sample(tmp_path: Path) -> None:
    path = universe_file(tmp_path, spot=["BTC", "ETH", "SOL", "XRP", "ADA", "DOGE"])
    live = Settings.from_env({"CRW_SOURCE_MODE": "live", "CRW_UNIVERSE_FILE": str(path)})
    assert universe_for(live).binance_spot_symbols()[-1] == "DOGEUSDT"
    sample = Settings.from_env({"CRW_SOURCE_MODE": "sample", "CRW_UNIVERSE_FILE": str(path)})
    with pytest.raises(
        SettingsError, match=r"spot.binance: DOGE \(DOGEUSDT\) is not in the sample"
    ):
        universe_for(sample)


def test_sample_mode_refuses_an_unlisted_symbol_before_any_fetch(tmp_path: Path) -> None:
    """`crw run` with a coin the sample does not carry: one message naming the symbol, the venue
    and the sample dir, exit 2, and nothing fetched (no landing zone, no warehouse)."""
    path = universe_file(tmp_path, spot=["BTC", "ETH", "SOL", "XRP", "ADA", "DOGE"])
    data_dir = tmp_path / "data"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CRW_", "DAGSTER_"))},
        "CRW_SOURCE_MODE": "sample",
        "CRW_DATA_DIR": str(data_dir),
        "CRW_UNIVERSE_FILE": str(path),
    }
    crw = Path(sys.executable).with_name("crw")
    result = subprocess.run(
        [str(crw), "run", "--start", "2025-11-15", "--end", "2025-11-15", "--quiet"],
        env=env,
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"universe file {path} lists assets the sample does not carry" in result.stderr
    assert "spot.binance: DOGE (DOGEUSDT) is not in the sample" in result.stderr
    assert "binance/spot_klines has no DOGEUSDT.json.gz" in result.stderr
    assert not (data_dir / "landing").exists()
    assert not (data_dir / "warehouse.duckdb").exists()


def test_live_an_unlisted_binance_symbol_fails_alone_and_the_rest_loads(
    settings: Settings, monkeypatch
) -> None:
    monkeypatch.setenv("CRW_SOURCE_MODE", "live")
    live = Settings.from_env()
    symbols = ("BTCUSDT", "NOPEUSDT")
    spec = replace(
        binance.SPOT_KLINES,
        fetch=for_each(symbols, binance_client.fetch_spot_klines),
        universe=symbols,
    )
    klines = (FIXTURES / "binance" / "spot_klines_btcusdt.json").read_text()
    invalid = (FIXTURES / "binance" / "error_invalid_symbol.json").read_text()

    def serve(request):
        if request.params["symbol"] == "BTCUSDT":
            return 200, {}, klines
        return 400, {}, invalid

    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, SPOT, callback=serve)
        result = ingest_window(spec, live, date(2024, 11, 16), date(2024, 11, 17))
    assert result.rows_inserted == 2
    (failure,) = result.failures
    assert failure.startswith("NOPEUSDT: [binance/spot_klines] NOPEUSDT is not listed on Binance")
    assert "-1121 Invalid symbol" in failure
    with connect(live.duckdb_path, read_only=True) as conn:
        loaded = conn.execute("select distinct symbol from raw_binance.spot_klines").fetchall()
        logged = conn.execute(
            "select series, outcome, status from meta.fetch_log order by series"
        ).fetchall()
    assert loaded == [("BTCUSDT",)]
    assert logged == [("BTCUSDT", "loaded", 200), ("NOPEUSDT", "error", 400)]


def test_live_an_unlisted_bybit_symbol_fails_alone_and_the_rest_loads(
    settings: Settings, monkeypatch
) -> None:
    """Bybit answers an unknown symbol with HTTP 200 and retCode 10001: the parse of that
    symbol's payload fails, and only that symbol."""
    monkeypatch.setenv("CRW_SOURCE_MODE", "live")
    live = Settings.from_env()
    symbols = ("BTCUSDT", "NOPEUSDT")
    spec = replace(
        bybit.FUNDING_RATES,
        fetch=for_each(symbols, bybit_client.fetch_funding_rates),
        universe=symbols,
    )
    history = (FIXTURES / "bybit" / "funding_history_btcusdt.json").read_text()
    invalid = (FIXTURES / "bybit" / "error_symbol_invalid.json").read_text()

    def serve(request):
        return 200, {}, history if request.params["symbol"] == "BTCUSDT" else invalid

    with responses.RequestsMock() as mock:
        mock.add_callback(responses.GET, BYBIT_FUNDING, callback=serve)
        result = ingest_window(spec, live, date(2024, 11, 16), date(2024, 11, 16))
    assert result.rows_inserted == 3
    (failure,) = result.failures
    assert failure.startswith("NOPEUSDT: [bybit/funding_rates] Bybit error retCode=10001")
    assert "symbol invalid" in failure
    with connect(live.duckdb_path, read_only=True) as conn:
        loaded = conn.execute("select distinct symbol from raw_bybit.funding_rates").fetchall()
    assert loaded == [("BTCUSDT",)]
