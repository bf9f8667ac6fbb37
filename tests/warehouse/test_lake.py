"""The raw lake mirrors every raw table as monthly Parquet files: exactly the table's columns and
rows, replaced atomically with the load that changed them, healed by sync_lake."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import duckdb
import polars as pl
import pytest

from warehouse import lake
from warehouse.connection import connect
from warehouse.tables import Batch, RawTable, replace_partition, replace_universe

TABLE = RawTable("binance", "spot_klines")
SCHEMA = {
    "symbol": pl.String,
    "date": pl.Date,
    "close": pl.Decimal(38, 10),
    "_landing_path": pl.String,
    "_payload_sha256": pl.String,
}
JAN = [date(2024, 1, d) for d in range(28, 32)]
FEB = [date(2024, 2, d) for d in range(1, 4)]


def frame(days: list[date], close: str = "100", sha: str = "sha-a", **extra: str) -> pl.DataFrame:
    rows = pl.DataFrame(
        [
            {
                "symbol": "BTCUSDT",
                "date": d,
                "close": Decimal(close),
                "_landing_path": "f",
                "_payload_sha256": sha,
            }
            for d in days
        ],
        schema=SCHEMA,
        orient="row",
    )
    return rows.with_columns(pl.lit(v).alias(k) for k, v in extra.items())


def load(conn, lake_dir: Path | None, days: list[date], close: str = "100", **kw) -> None:
    replace_partition(
        conn,
        TABLE,
        frame(days, close, **kw.pop("frame_kw", {})),
        start=days[0],
        end=days[-1],
        batch=Batch("sample"),
        series=("symbol",),
        lake_dir=lake_dir,
        **kw,
    )


def table_dir(lake_dir: Path) -> Path:
    return lake_dir / "raw_binance" / "spot_klines"


def lake_rows(lake_dir: Path, columns: str = "symbol, date, close") -> list[tuple]:
    files = sorted(str(p) for p in table_dir(lake_dir).glob("month=*/part-0.parquet"))
    return (
        duckdb.connect()
        .execute(
            f"select {columns} from read_parquet(?, hive_partitioning = false) order by all",
            [files],
        )
        .fetchall()
    )


def db_rows(conn, columns: str = "symbol, date, close") -> list[tuple]:
    return conn.execute(f"select {columns} from raw_binance.spot_klines order by all").fetchall()


def file_columns(path: Path) -> list[str]:
    return [
        name
        for (name,) in duckdb.connect()
        .execute(
            "select name from parquet_schema(?) where column_id > 0 order by column_id",
            [str(path)],
        )
        .fetchall()
    ]


def snapshot(lake_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(lake_dir)): p.read_bytes() for p in lake_dir.rglob("*") if p.is_file()
    }


@pytest.fixture
def conn(tmp_path: Path):
    conn = connect(tmp_path / "w.duckdb")
    yield conn
    conn.close()


def test_each_month_is_one_file_with_exactly_the_tables_columns(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB)
    files = sorted(p.relative_to(lake_dir).as_posix() for p in lake_dir.rglob("*") if p.is_file())
    assert files == [
        "raw_binance/spot_klines/month=2024-01/part-0.parquet",
        "raw_binance/spot_klines/month=2024-02/part-0.parquet",
    ]
    table_columns = [c for (c, *_) in conn.execute("describe raw_binance.spot_klines").fetchall()]
    assert "month" not in table_columns and "_loaded_at" in table_columns
    for path in table_dir(lake_dir).glob("month=*/part-0.parquet"):
        assert file_columns(path) == table_columns
    everything = ", ".join(table_columns)
    assert lake_rows(lake_dir, everything) == db_rows(conn, everything)
    assert lake_rows(lake_dir, "min(date), max(date)") == [(JAN[0], FEB[-1])]


def test_a_first_load_of_many_row_groups_is_mirrored_whole(conn, tmp_path: Path) -> None:
    """130,000 rows, more than one DuckDB row group, into a table the load creates: the lake
    holds every row (DuckDB 2.0.0 hid them from a filtered read in a transaction that had also
    created the table, and a 100x backfill left the lake with its last month only)."""
    lake_dir = tmp_path / "lake"
    symbols = [f"C{i:04d}USDT" for i in range(2_000)]
    days = [date(2024, 1, 1) + timedelta(days=i) for i in range(65)]  # Jan 1 .. Mar 5
    big = pl.DataFrame(
        {
            "symbol": [s for s in symbols for _ in days],
            "date": days * len(symbols),
            "close": [Decimal("1")] * (len(symbols) * len(days)),
            "_landing_path": "f",
            "_payload_sha256": "sha-a",
        },
        schema=SCHEMA,
    )
    replace_partition(
        conn,
        TABLE,
        big,
        start=days[0],
        end=days[-1],
        batch=Batch("sample"),
        series=("symbol",),
        lake_dir=lake_dir,
    )
    (rows,) = conn.execute("select count(*) from raw_binance.spot_klines").fetchone()
    assert rows == big.height == 130_000
    assert lake_rows(lake_dir, "count(*)") == [(rows,)]
    assert lake.sync_lake(conn, lake_dir) == []


def test_rerunning_a_window_replaces_its_month_without_duplicates(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB, "100")
    load(conn, lake_dir, FEB, "101")
    load(conn, lake_dir, FEB, "101")
    assert len(lake_rows(lake_dir)) == len(db_rows(conn)) == len(JAN + FEB)
    assert lake_rows(lake_dir) == db_rows(conn)
    assert {close for *_, close in lake_rows(lake_dir)} == {Decimal("100"), Decimal("101")}
    assert lake.sync_lake(conn, lake_dir) == []


def test_a_failed_export_rolls_the_load_back_and_leaves_the_previous_files(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB, "100")
    before_db, before_lake = db_rows(conn), snapshot(lake_dir)
    written = []
    real_temp_for = lake._temp_for

    def failing_second_month(final: Path) -> Path:
        # January's temp is written, then the export of February fails (disk full, say).
        if written:
            raise OSError("No space left on device")
        written.append(real_temp_for(final))
        return written[-1]

    monkeypatch.setattr(lake, "_temp_for", failing_second_month)
    with pytest.raises(OSError, match="No space left"):
        load(conn, lake_dir, JAN + FEB, "200")
    assert written and not written[0].exists()
    assert db_rows(conn) == before_db
    assert snapshot(lake_dir) == before_lake
    assert conn.execute("select count(*) from meta.load_log").fetchone() == (1,)


def test_a_kill_between_commit_and_rename_is_healed_by_sync_lake(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB, "100")
    with monkeypatch.context() as m:
        # Killed after the commit: the temps are written, never renamed.
        m.setattr(lake.Staged, "publish", lambda self: None)
        load(conn, lake_dir, FEB, "101")  # the same row count: only the values changed
    assert list(table_dir(lake_dir).glob("month=2024-02/.part-0.*"))
    assert lake_rows(lake_dir) != db_rows(conn)

    assert lake.sync_lake(conn, lake_dir) == ["raw_binance.spot_klines"]
    assert lake_rows(lake_dir) == db_rows(conn)
    assert not list(table_dir(lake_dir).glob("month=*/.part-0.*"))
    assert lake.sync_lake(conn, lake_dir) == []


def test_sync_lake_exports_a_warehouse_loaded_without_the_lake(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, None, JAN + FEB)
    replace_universe(conn, [("spot", "binance", "BTC", "BTCUSDT")])
    assert lake.sync_lake(conn, lake_dir) == ["meta.universe", "raw_binance.spot_klines"]
    assert lake_rows(lake_dir) == db_rows(conn)
    assert lake.sync_lake(conn, lake_dir) == []


def test_a_versioned_table_keeps_every_version_in_the_lake(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    versioned = {"keep_versions": True}
    load(conn, lake_dir, JAN, "100", frame_kw={"sha": "v1"}, **versioned)
    load(conn, lake_dir, JAN, "101", frame_kw={"sha": "v2"}, **versioned)
    load(conn, lake_dir, JAN, "101", frame_kw={"sha": "v2"}, **versioned)
    columns = "_payload_sha256, date, close"
    assert len(lake_rows(lake_dir, columns)) == 2 * len(JAN)
    assert lake_rows(lake_dir, columns) == db_rows(conn, columns)


def test_a_new_column_rewrites_every_month_of_the_table(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB)
    drifted = frame(FEB, "101").with_columns(pl.lit(7, dtype=pl.Int64).alias("trades"))
    replace_partition(
        conn,
        TABLE,
        drifted,
        start=FEB[0],
        end=FEB[-1],
        batch=Batch("sample"),
        series=("symbol",),
        lake_dir=lake_dir,
    )
    table_columns = [c for (c, *_) in conn.execute("describe raw_binance.spot_klines").fetchall()]
    assert table_columns[-1] == "trades"
    for path in table_dir(lake_dir).glob("month=*/part-0.parquet"):
        assert file_columns(path) == table_columns
    columns = "date, close, trades"
    assert lake_rows(lake_dir, columns) == db_rows(conn, columns)
    assert lake_rows(lake_dir, "count(trades)") == [(len(FEB),)]


def test_a_month_left_without_rows_loses_its_file(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN + FEB)
    conn.execute("delete from raw_binance.spot_klines where date >= '2024-02-01'")
    assert lake.sync_lake(conn, lake_dir) == ["raw_binance.spot_klines"]
    assert not (table_dir(lake_dir) / "month=2024-02" / "part-0.parquet").exists()
    assert lake_rows(lake_dir) == db_rows(conn)


def test_leftover_temps_of_a_killed_run_are_cleaned_on_the_next_write(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    load(conn, lake_dir, JAN)
    leftover = table_dir(lake_dir) / "month=2024-01" / ".part-0.dead.tmp"
    leftover.write_bytes(b"half a parquet file")
    load(conn, lake_dir, FEB)
    assert not leftover.exists()
    assert lake_rows(lake_dir) == db_rows(conn)


def test_the_universe_is_one_file_replaced_with_its_table(conn, tmp_path: Path) -> None:
    lake_dir = tmp_path / "lake"
    both = [("spot", "binance", "BTC", "BTCUSDT"), ("spot", "binance", "ETH", "ETHUSDT")]
    replace_universe(conn, both, lake_dir=lake_dir)
    replace_universe(conn, both[:1], lake_dir=lake_dir)
    path = lake_dir / "meta" / "universe" / "part-0.parquet"
    assert [p.name for p in path.parent.iterdir()] == ["part-0.parquet"]
    assert file_columns(path) == ["kind", "venue", "asset", "symbol"]
    rows = duckdb.connect().execute("select * from read_parquet(?)", [str(path)]).fetchall()
    assert rows == both[:1]
    assert lake.sync_lake(conn, lake_dir) == []


def test_the_months_of_a_window(tmp_path: Path) -> None:
    assert lake.months_between(date(2023, 12, 31), date(2024, 2, 1)) == [
        date(2023, 12, 1),
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]
    assert lake.months_between(date(2024, 3, 5), date(2024, 3, 5)) == [date(2024, 3, 1)]
