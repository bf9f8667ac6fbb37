"""The universe file: the default is today's universe, every bad entry is refused with a message
naming the file, the key and the entry, and sample mode refuses what the sample does not carry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from ingestion.replay import sample_dir
from ingestion.universe import (
    Universe,
    UniverseError,
    UniverseRow,
    check_sample_listing,
    load_universe,
)
from warehouse.settings import DEFAULT_UNIVERSE_FILE

# The constants the code held before the universe file (ingestion/*/client.py, records.py).
OLD_BINANCE_SPOT_SYMBOLS = ("BTCUSDT", "ETHUSDT", "SOLUSDT", "XRPUSDT", "ADAUSDT")
OLD_BINANCE_FUTURES_SYMBOLS = ("BTCUSDT", "ETHUSDT")
OLD_BYBIT_SYMBOLS = ("BTCUSDT", "ETHUSDT")
OLD_DERIBIT_CURRENCIES = ("BTC", "ETH")
OLD_COINGLASS_COINS = ("BTC", "ETH")
OLD_FARSIDE_ASSETS = ("BTC", "ETH", "SOL")
OLD_PULSE_ASSETS = ("BTC", "ETH")  # the SQL's asset in ('BTC', 'ETH')


def default_document() -> dict:
    return yaml.safe_load(DEFAULT_UNIVERSE_FILE.read_text())


def write(tmp_path: Path, document: object) -> Path:
    path = tmp_path / "universe.yml"
    path.write_text(yaml.safe_dump(document) if not isinstance(document, str) else document)
    return path


def problems(tmp_path: Path, document: object) -> list[str]:
    path = write(tmp_path, document)
    with pytest.raises(UniverseError) as err:
        load_universe(path)
    message = str(err.value)
    assert str(path) in message.splitlines()[0], "the message names the file"
    return message.splitlines()[1:]


def test_the_default_universe_is_the_old_constants() -> None:
    universe = load_universe(DEFAULT_UNIVERSE_FILE)
    assert universe.binance_spot_symbols() == OLD_BINANCE_SPOT_SYMBOLS
    assert universe.binance_perpetual_symbols() == OLD_BINANCE_FUTURES_SYMBOLS
    assert universe.binance_futures_pairs() == OLD_BINANCE_FUTURES_SYMBOLS
    assert universe.bybit_perpetual_symbols() == OLD_BYBIT_SYMBOLS
    assert universe.deribit_currencies() == OLD_DERIBIT_CURRENCIES
    assert universe.coinglass_coins() == OLD_COINGLASS_COINS
    assert universe.farside_assets() == OLD_FARSIDE_ASSETS
    assert universe.pulse == OLD_PULSE_ASSETS


def test_the_default_universe_has_the_documented_shape() -> None:
    assert default_document() == {
        "spot": ["BTC", "ETH", "SOL", "XRP", "ADA"],
        "perpetuals": {"binance": ["BTC", "ETH"], "bybit": ["BTC", "ETH"]},
        "futures": {"binance": ["BTC", "ETH"]},
        "options": {"deribit": ["BTC", "ETH"]},
        "etf": {"farside": ["BTC", "ETH", "SOL"]},
        "liquidations": {"coinglass": ["BTC", "ETH"]},
        "pulse": ["BTC", "ETH"],
    }


def test_rows_name_each_venue_symbol() -> None:
    rows = load_universe(DEFAULT_UNIVERSE_FILE).rows()
    assert UniverseRow("spot", "binance", "XRP", "XRPUSDT") in rows
    assert UniverseRow("perpetuals", "bybit", "ETH", "ETHUSDT") in rows
    assert UniverseRow("options", "deribit", "BTC", "BTC") in rows
    assert UniverseRow("pulse", None, "BTC", None) in rows
    assert len(rows) == len({(r.kind, r.venue, r.asset) for r in rows}) == 20


def test_a_new_spot_asset_is_one_line(tmp_path: Path) -> None:
    document = default_document()
    document["spot"].append("DOGE")
    universe = load_universe(write(tmp_path, document))
    assert universe.binance_spot_symbols()[-1] == "DOGEUSDT"
    assert isinstance(universe, Universe) and universe.path == tmp_path / "universe.yml"


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    document = {**default_document(), "stocks": ["AAPL"]}
    assert problems(tmp_path, document) == [
        "  stocks: unknown key; the keys are spot, perpetuals, futures, options, etf, "
        "liquidations, pulse"
    ]


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    document = default_document()
    del document["options"]
    assert problems(tmp_path, document) == ["  options: missing (an empty [] or {} means none)"]


def test_a_malformed_symbol_is_named_with_its_key_and_position(tmp_path: Path) -> None:
    document = default_document()
    document["spot"].append("doge")
    document["perpetuals"]["bybit"].append("BTC-USDT")
    lines = problems(tmp_path, document)
    assert lines[0].startswith("  spot[5]: 'doge' is not an asset ticker (upper-case letters")
    assert lines[1].startswith("  perpetuals.bybit[2]: 'BTC-USDT' is not an asset ticker")
    assert len(lines) == 2


def test_a_yaml_boolean_gets_a_hint_to_quote_it(tmp_path: Path) -> None:
    text = DEFAULT_UNIVERSE_FILE.read_text().replace("XRP, ADA]", "XRP, ADA, NO]", 1)
    (line,) = problems(tmp_path, text)
    assert line.startswith("  spot[5]: False is not an asset ticker (YAML reads")


def test_a_duplicate_within_a_list_is_named(tmp_path: Path) -> None:
    document = default_document()
    document["etf"]["farside"].append("ETH")
    assert problems(tmp_path, document) == ["  etf.farside[3]: ETH is listed twice"]


def test_a_key_given_twice_is_refused(tmp_path: Path) -> None:
    text = DEFAULT_UNIVERSE_FILE.read_text() + "pulse: [BTC]\n"
    path = write(tmp_path, text)
    with pytest.raises(UniverseError, match=r"not valid YAML: .*key 'pulse' given twice"):
        load_universe(path)


def test_a_venue_without_a_connector_is_named(tmp_path: Path) -> None:
    document = default_document()
    document["perpetuals"]["okx"] = ["BTC"]
    assert problems(tmp_path, document) == [
        "  perpetuals.okx: no perpetuals connector for venue 'okx'; the code has binance, bybit"
    ]


def test_a_pulse_asset_missing_from_spot_is_named(tmp_path: Path) -> None:
    document = default_document()
    document["pulse"].append("DOGE")
    assert problems(tmp_path, document) == [
        "  pulse: DOGE is not in spot (the pulse's rules read its prices): add it to spot"
    ]


def test_the_pulse_keeps_btc_and_eth(tmp_path: Path) -> None:
    document = default_document()
    document["pulse"] = ["BTC"]
    assert problems(tmp_path, document) == [
        "  pulse: ETH is missing (fct_market_pulse_daily's eth_ columns are a contract)"
    ]


def test_a_derivatives_asset_needs_spot(tmp_path: Path) -> None:
    document = default_document()
    document["liquidations"]["coinglass"].append("DOGE")
    (line,) = problems(tmp_path, document)
    assert line.startswith("  liquidations.coinglass: DOGE is not in spot")


def test_an_etf_asset_without_a_farside_page_is_named(tmp_path: Path) -> None:
    document = default_document()
    document["etf"]["farside"].append("XRP")
    (line,) = problems(tmp_path, document)
    assert line.startswith("  etf.farside: XRP has no Farside flow page in the connector")


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    document = default_document()
    document["spot"].append("btc")
    document["futures"]["deribit"] = ["BTC"]
    document["pulse"].append("ETH")
    assert len(problems(tmp_path, document)) == 3


def test_an_unreadable_or_broken_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UniverseError, match="cannot read the universe file .*nowhere.yml"):
        load_universe(tmp_path / "nowhere.yml")
    path = write(tmp_path, "spot: [BTC\n")
    with pytest.raises(UniverseError, match=f"bad universe file {path}: not valid YAML"):
        load_universe(path)
    path = write(tmp_path, "- BTC\n")
    with pytest.raises(UniverseError, match="must be a mapping with the keys spot, perpetuals"):
        load_universe(path)


def test_the_bundled_sample_carries_the_default_universe() -> None:
    check_sample_listing(load_universe(DEFAULT_UNIVERSE_FILE), sample_dir())


def test_sample_mode_refuses_an_asset_the_sample_does_not_carry(tmp_path: Path) -> None:
    document = default_document()
    document["spot"].append("DOGE")
    document["perpetuals"]["bybit"].append("SOL")
    document["etf"]["farside"].remove("SOL")
    universe = load_universe(write(tmp_path, document))
    with pytest.raises(UniverseError) as err:
        check_sample_listing(universe, sample_dir())
    lines = str(err.value).splitlines()
    assert "sample does not carry" in lines[0] and str(sample_dir()) in lines[0]
    assert lines[1:] == [
        f"  spot.binance: DOGE (DOGEUSDT) is not in the sample: "
        f"{sample_dir() / 'binance/spot_klines'} has no DOGEUSDT.json.gz",
        f"  perpetuals.bybit: SOL (SOLUSDT) is not in the sample: "
        f"{sample_dir() / 'bybit/funding_rates'} has no SOLUSDT.json.gz",
    ]


def test_a_sample_dir_copy_with_the_coin_passes(tmp_path: Path) -> None:
    copy = tmp_path / "sample"
    shutil.copytree(sample_dir() / "binance" / "spot_klines", copy / "binance" / "spot_klines")
    shutil.copy(
        copy / "binance/spot_klines/ADAUSDT.json.gz", copy / "binance/spot_klines/ZZZUSDT.json.gz"
    )
    document = default_document()
    document.update(
        spot=["BTC", "ETH", "ZZZ"],
        perpetuals={},
        futures={},
        options={},
        etf={},
        liquidations={},
    )
    check_sample_listing(load_universe(write(tmp_path, document)), copy)
    document["options"] = {"deribit": ["ZZZ"]}
    with pytest.raises(UniverseError, match="options.deribit: ZZZ"):
        check_sample_listing(load_universe(write(tmp_path, document)), copy)
