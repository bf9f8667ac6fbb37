"""Adding a coin is one line of the universe file: a made-up spot coin, served by a replay file
written into a copy of the sample dir, is fetched by the spot asset, reaches fct_prices_daily
through dbt and the BI copy, with no code change. (A short window and only the price models,
so it runs in seconds.)"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import ingestion.replay
from ingestion.binance import client
from ingestion.universe import check_sample_listing, load_universe
from orchestration.assets import binance
from orchestration.dbt_project import DBT_EXECUTABLE, DBT_PROJECT_DIR
from orchestration.ingest import for_each, ingest_window, load_universe_table
from warehouse.connection import connect
from warehouse.publish import BI_FILE, publish
from warehouse.settings import DEFAULT_UNIVERSE_FILE, Settings

pytestmark = pytest.mark.end_to_end

START, END = date(2025, 10, 1), date(2025, 11, 15)
COIN, LIKE = "ZZZ", "ADA"  # the made-up coin's candles are ADA's x 10


def _ms(day: date) -> int:
    return int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp() * 1000)


def write_coin_replay(sample: Path) -> None:
    """``binance/spot_klines/ZZZUSDT.json.gz``: ADA's candles of the window, prices x 10."""
    folder = sample / "binance" / "spot_klines"
    rows = json.loads(gzip.decompress((folder / f"{LIKE}USDT.json.gz").read_bytes()))
    coin = [
        [row[0], *(str(Decimal(v) * 10) for v in row[1:5]), *row[5:]]
        for row in rows
        if _ms(START) <= row[0] <= _ms(END)
    ]
    (folder / f"{COIN}USDT.json.gz").write_bytes(gzip.compress(json.dumps(coin).encode()))


def test_a_spot_coin_added_to_the_universe_reaches_the_prices_mart_and_the_bi_copy(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = tmp_path / "sample"
    shutil.copytree(ingestion.replay.sample_dir(), sample)
    write_coin_replay(sample)
    monkeypatch.setattr(ingestion.replay, "sample_dir", lambda: sample)

    document = yaml.safe_load(DEFAULT_UNIVERSE_FILE.read_text())
    document["spot"].append(COIN)  # the one-line change
    path = tmp_path / "universe.yml"
    path.write_text(yaml.safe_dump(document))
    universe = load_universe(path)
    check_sample_listing(universe, sample)  # what sample mode checks before any fetch

    symbols = universe.binance_spot_symbols()
    assert symbols[-1] == f"{COIN}USDT"
    spot = replace(
        binance.SPOT_KLINES, fetch=for_each(symbols, client.fetch_spot_klines), universe=symbols
    )
    result = ingest_window(spot, settings, START, END)
    assert not result.failures
    load_universe_table(settings, universe)

    target = tmp_path / "dbt_target"
    build = subprocess.run(
        [
            DBT_EXECUTABLE,
            "build",
            "--select",
            "+fct_prices_daily",
            "stg_meta__universe_assets",
            # only the tests of what is built here (not e.g. the derivatives mart's test that
            # reads the universe model)
            "--indirect-selection",
            "cautious",
            "--vars",
            json.dumps(settings.dbt_vars()),
            "--project-dir",
            str(DBT_PROJECT_DIR),
            "--profiles-dir",
            str(DBT_PROJECT_DIR),
            "--target-path",
            str(target),
            "--log-path",
            str(tmp_path / "dbt_logs"),
        ],
        cwd=DBT_PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stdout[-4000:]

    query = """
        select coin.date, coin.close, like_coin.close
        from marts.fct_prices_daily as coin
        inner join marts.fct_prices_daily as like_coin
            on coin.date = like_coin.date and like_coin.asset = ?
        where coin.asset = ? order by coin.date
    """
    with connect(settings.duckdb_path, read_only=True) as conn:
        prices = conn.execute(query, [LIKE, COIN]).fetchall()
        listed = conn.execute(
            "select asset from staging.stg_meta__universe_assets where kind = 'spot'"
        ).fetchall()
    assert len(prices) == (END - START).days + 1
    assert all(
        abs(float(close) - 10 * float(like)) < 1e-6 * float(close) for _, close, like in prices
    )
    assert (COIN,) in listed

    publication = publish(settings.duckdb_path, settings.bi_dir)
    assert publication.bi_path == settings.bi_dir / BI_FILE
    with connect(publication.bi_path, read_only=True) as bi:
        in_copy = bi.execute(
            "select count(*) from fct_prices_daily where asset = ?", [COIN]
        ).fetchall()[0][0]
        in_parquet = bi.execute(
            "select count(*) from read_parquet(?, hive_partitioning = false) where asset = ?",
            [str(publication.parquet_dir / "fct_prices_daily" / "*" / "part-0.parquet"), COIN],
        ).fetchall()[0][0]
    assert in_copy == in_parquet == len(prices)
