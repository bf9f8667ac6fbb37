"""The BI copy: atomic, readable by DuckDB 1.x, locked down for people."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import connect
from warehouse.lake import PART_FILE
from warehouse.publish import BI_FILE, connect_bi_readonly, publish


def make_warehouse(path: Path, rows: int) -> Path:
    conn = connect(path)
    conn.execute("create schema if not exists marts")
    conn.execute(
        f"create or replace table marts.fct_demo as select range as i, 'x' as s from range({rows})"
    )
    conn.execute("create or replace table marts.dim_demo as select 1 as k")
    conn.close()
    return path


def count(bi_path: Path) -> int:
    conn = duckdb.connect(str(bi_path), read_only=True)
    try:
        return conn.execute("select count(*) from marts.fct_demo").fetchall()[0][0]
    finally:
        conn.close()


def count_in_new_process(bi_path: Path) -> int:
    """Another process (a BI tool): DuckDB caches open databases per process and path."""
    code = (
        f"import duckdb; conn = duckdb.connect({str(bi_path)!r}, read_only=True); "
        "print(conn.execute('select count(*) from marts.fct_demo').fetchall()[0][0])"
    )
    return int(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )


def test_publish_copies_every_mart_to_duckdb_and_parquet(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "w.duckdb", 10)
    publication = publish(warehouse, tmp_path / "bi")
    assert publication.tables == {"dim_demo": 1, "fct_demo": 10}
    assert count(publication.bi_path) == 10
    parquet = duckdb.sql(
        f"select count(*) from '{publication.parquet_dir / 'fct_demo' / 'part-0.parquet'}'"
    ).fetchall()
    assert parquet == [(10,)]
    assert not publication.incremental  # no earlier copy, and no build log
    assert not list((tmp_path / "bi").rglob("*.tmp"))


def test_the_bi_copy_uses_the_duckdb_1x_storage_format(tmp_path: Path) -> None:
    publication = publish(make_warehouse(tmp_path / "w.duckdb", 3), tmp_path / "bi")
    header = publication.bi_path.read_bytes()[:20]
    assert header[8:12] == b"DUCK"
    # 64 is the storage version DuckDB 1.0-1.x read; DuckDB 2.0's default would be newer.
    assert struct.unpack("<Q", header[12:20])[0] == 64


def test_a_reader_holding_the_old_copy_keeps_a_consistent_view(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "w.duckdb", 10)
    bi = publish(warehouse, tmp_path / "bi").bi_path
    reader = duckdb.connect(str(bi), read_only=True)
    make_warehouse(warehouse, 20)
    publish(warehouse, tmp_path / "bi")
    # the open connection still reads the file it opened; a new reader sees the new copy
    assert reader.execute("select count(*) from marts.fct_demo").fetchall() == [(10,)]
    assert count_in_new_process(bi) == 20
    reader.close()


def test_readers_never_see_a_partial_copy_while_publishing_repeats(tmp_path: Path) -> None:
    warehouse = make_warehouse(tmp_path / "w.duckdb", 1000)
    bi = publish(warehouse, tmp_path / "bi").bi_path
    seen: list[int | str] = []
    stop = threading.Event()

    def read_loop() -> None:
        while not stop.is_set():
            try:
                seen.append(count(bi))
            except duckdb.Error as exc:  # a partial file would show up here
                seen.append(f"error: {exc}")

    thread = threading.Thread(target=read_loop)
    thread.start()
    try:
        for rows in (2000, 1000, 2000, 1000):
            make_warehouse(warehouse, rows)
            publish(warehouse, tmp_path / "bi")
    finally:
        stop.set()
        thread.join()
    assert seen and set(seen) <= {1000, 2000}


def test_a_failed_publish_keeps_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = make_warehouse(tmp_path / "w.duckdb", 5)
    bi = publish(warehouse, tmp_path / "bi").bi_path
    before = bi.read_bytes()
    make_warehouse(warehouse, 50)
    import warehouse.publish as module

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(module.os, "replace", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        publish(warehouse, tmp_path / "bi")
    monkeypatch.undo()
    assert bi.read_bytes() == before
    assert count(bi) == 5


def test_nothing_to_publish_is_an_error_not_an_empty_copy(tmp_path: Path) -> None:
    conn = connect(tmp_path / "w.duckdb")
    conn.execute("create schema marts")
    conn.close()
    with pytest.raises(RuntimeError, match="nothing to publish"):
        publish(tmp_path / "w.duckdb", tmp_path / "bi")
    assert not (tmp_path / "bi" / BI_FILE).exists()


def test_the_sql_entry_point_is_read_only_with_file_access_off(tmp_path: Path) -> None:
    bi = publish(make_warehouse(tmp_path / "w.duckdb", 3), tmp_path / "bi").bi_path
    conn = connect_bi_readonly(bi)
    assert conn.execute("select count(*) from fct_demo").fetchall() == [(3,)]
    with pytest.raises(duckdb.Error):
        conn.execute("create table t as select 1")
    with pytest.raises(duckdb.Error, match="disabled"):
        conn.execute("select * from read_csv('/etc/hostname')").fetchall()
    with pytest.raises(duckdb.Error):
        conn.execute("set enable_external_access = true")


# --- incremental copies: the dbt post-hook logs each mart build in meta.mart_builds; these
# tests write the log as the hook does (the end-to-end test_incremental runs the real hook).

DAYS = "select ('2025-08-30'::date + range::int) as date, range as value from range(70)"


def days_warehouse(path: Path) -> Path:
    conn = connect(path)
    conn.execute("create schema if not exists marts")
    conn.execute(f"create or replace table marts.fct_days as {DAYS}")
    conn.execute("create or replace table marts.dim_thing as select 1 as k")
    conn.execute("create schema if not exists meta")
    conn.execute(
        "create table if not exists meta.mart_builds (model varchar not null, "
        "date_column varchar, from_date date, rebuilt_all boolean not null, "
        "built_at timestamptz not null)"
    )
    log_build(conn, "fct_days", None)
    log_build(conn, "dim_thing", None)
    conn.close()
    return path


def log_build(conn: duckdb.DuckDBPyConnection, model: str, from_date: str | None) -> None:
    conn.execute(
        "insert into meta.mart_builds values (?, 'date', ?, ?, now())",
        [model, from_date, from_date is None],
    )


def bi_rows(bi_path: Path, table: str) -> list[tuple]:
    with duckdb.connect(str(bi_path), read_only=True) as conn:
        return conn.execute(f"select * from {table} order by all").fetchall()


def parquet_rows(parquet_dir: Path, table: str) -> list[tuple]:
    files = sorted(str(p) for p in (parquet_dir / table).rglob(PART_FILE))
    return duckdb.sql(
        f"select * from read_parquet({files}, hive_partitioning = false) order by all"
    ).fetchall()


def test_a_copy_after_a_logged_build_rewrites_only_the_changed_days_and_months(
    tmp_path: Path,
) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    first = publish(warehouse, tmp_path / "bi")
    months = {p.parent.name: p.stat().st_mtime_ns for p in first.parquet_dir.rglob(PART_FILE)}
    assert sorted(months) == [
        "dim_thing",
        "month=2025-08",
        "month=2025-09",
        "month=2025-10",
        "month=2025-11",
    ]
    # A day's build: the days from 2025-10-20 on recomputed (one revised, one new day).
    conn = connect(warehouse)
    conn.execute("delete from marts.fct_days where date >= '2025-10-20'")
    conn.execute(
        f"insert into marts.fct_days select date, value * 10 from ({DAYS}) "
        "where date >= '2025-10-20' union all select '2025-11-08'::date, -1"
    )
    log_build(conn, "fct_days", "2025-10-20")
    expected = conn.execute("select * from marts.fct_days order by all").fetchall()
    conn.close()

    second = publish(warehouse, tmp_path / "bi")
    assert second.incremental
    assert second.tables == {"dim_thing": 1, "fct_days": 71}
    assert bi_rows(second.bi_path, "fct_days") == expected
    assert parquet_rows(second.parquet_dir, "fct_days") == expected
    after = {p.parent.name: p.stat().st_mtime_ns for p in second.parquet_dir.rglob(PART_FILE)}
    # August and September, and the unchanged dim, were not rewritten
    assert after["month=2025-08"] == months["month=2025-08"]
    assert after["month=2025-09"] == months["month=2025-09"]
    assert after["dim_thing"] == months["dim_thing"]
    assert after["month=2025-10"] != months["month=2025-10"]
    # still a file DuckDB 1.x reads
    assert struct.unpack("<Q", second.bi_path.read_bytes()[12:20])[0] == 64


def test_a_rebuilt_mart_and_a_dropped_mart_are_copied_whole_and_removed(tmp_path: Path) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    conn = connect(warehouse)
    conn.execute("create table marts.fct_gone as select 1 as k")
    conn.close()
    first = publish(warehouse, tmp_path / "bi")
    assert (first.parquet_dir / "fct_gone").is_dir()
    conn = connect(warehouse)
    conn.execute("drop table marts.fct_gone")
    conn.execute(
        "create or replace table marts.fct_days as select * from marts.fct_days where value < 5"
    )
    log_build(conn, "fct_days", None)  # a full refresh
    conn.close()
    second = publish(warehouse, tmp_path / "bi")
    assert second.incremental
    assert second.tables == {"dim_thing": 1, "fct_days": 5}
    assert parquet_rows(second.parquet_dir, "fct_days") == bi_rows(second.bi_path, "fct_days")
    # the months left with no row lost their files
    assert sorted(p.parent.name for p in (second.parquet_dir / "fct_days").rglob(PART_FILE)) == [
        "month=2025-08",
        "month=2025-09",
    ]
    assert not (second.parquet_dir / "fct_gone").exists()
    with duckdb.connect(str(second.bi_path), read_only=True) as bi:
        assert "fct_gone" not in {r[0] for r in bi.execute("show tables").fetchall()}


def test_a_copy_of_another_warehouse_or_without_a_log_is_copied_whole(tmp_path: Path) -> None:
    publish(days_warehouse(tmp_path / "a.duckdb"), tmp_path / "bi")
    other = publish(days_warehouse(tmp_path / "b.duckdb"), tmp_path / "bi")
    assert not other.incremental
    conn = connect(tmp_path / "b.duckdb")
    conn.execute("drop table meta.mart_builds")
    conn.close()
    assert not publish(tmp_path / "b.duckdb", tmp_path / "bi").incremental
    # and the copy made without a log leaves none for the next to start from
    assert not publish(tmp_path / "b.duckdb", tmp_path / "bi").incremental


def test_a_data_dir_copied_whole_stays_incremental(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    days_warehouse(tmp_path / "a" / "w.duckdb")
    publish(tmp_path / "a" / "w.duckdb", tmp_path / "a" / "bi")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    conn = connect(tmp_path / "b" / "w.duckdb")
    conn.execute("insert into marts.fct_days values ('2025-11-08', 99)")
    log_build(conn, "fct_days", "2025-11-08")
    conn.close()
    copied = publish(tmp_path / "b" / "w.duckdb", tmp_path / "b" / "bi")
    assert copied.incremental
    assert copied.tables["fct_days"] == 71


def test_a_mart_rebuilt_whole_rewrites_only_the_months_whose_rows_changed(tmp_path: Path) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    first = publish(warehouse, tmp_path / "bi")
    before = {p.parent.name: p.stat().st_mtime_ns for p in first.parquet_dir.rglob(PART_FILE)}
    conn = connect(warehouse)
    conn.execute(
        "create or replace table marts.fct_days as select date, "
        "case when date >= '2025-11-01' then value + 1 else value end as value from marts.fct_days"
    )
    log_build(conn, "fct_days", None)  # a table model: rebuilt whole every build
    expected = conn.execute("select * from marts.fct_days order by all").fetchall()
    conn.close()
    second = publish(warehouse, tmp_path / "bi")
    after = {p.parent.name: p.stat().st_mtime_ns for p in second.parquet_dir.rglob(PART_FILE)}
    assert parquet_rows(second.parquet_dir, "fct_days") == expected
    assert bi_rows(second.bi_path, "fct_days") == expected
    assert [m for m in sorted(after) if after[m] != before[m]] == ["month=2025-11"]


def test_staging_left_by_a_killed_copy_is_cleared_and_never_read(tmp_path: Path) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    leftover = tmp_path / "bi" / "parquet" / ".fct_days.0123456789ab.tmp" / "month=2025-08"
    leftover.mkdir(parents=True)
    (leftover / PART_FILE).write_bytes(b"half a parquet file")
    publication = publish(warehouse, tmp_path / "bi")
    assert not leftover.parent.exists()
    assert len(parquet_rows(publication.parquet_dir, "fct_days")) == 70


def test_a_copy_stopped_before_its_parquet_files_are_renamed_is_redone_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    publish(warehouse, tmp_path / "bi")
    conn = connect(warehouse)
    conn.execute("update marts.fct_days set value = -value where date >= '2025-10-20'")
    log_build(conn, "fct_days", "2025-10-20")
    expected = conn.execute("select * from marts.fct_days order by all").fetchall()
    conn.close()
    from warehouse import lake

    def killed(self) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(lake.Staged, "publish", killed)
    with pytest.raises(KeyboardInterrupt):
        publish(warehouse, tmp_path / "bi")
    monkeypatch.undo()
    redone = publish(warehouse, tmp_path / "bi")
    assert redone.incremental
    assert bi_rows(redone.bi_path, "fct_days") == expected
    assert parquet_rows(redone.parquet_dir, "fct_days") == expected


def test_a_mart_whose_column_type_widened_is_copied_whole(tmp_path: Path) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    conn = connect(warehouse)
    conn.execute(
        "create or replace table marts.fct_days as "
        "select date, value::integer as value from marts.fct_days"
    )
    conn.close()
    publish(warehouse, tmp_path / "bi")
    conn = connect(warehouse)
    # the same values in a wider type hash alike: only the type check sees the change
    conn.execute(
        "create or replace table marts.fct_days as "
        "select date, value::bigint as value from marts.fct_days"
    )
    log_build(conn, "fct_days", None)
    conn.close()
    second = publish(warehouse, tmp_path / "bi")
    files = [str(p) for p in (second.parquet_dir / "fct_days").rglob(PART_FILE)]
    types = duckdb.sql(
        f"select distinct type from parquet_schema({files}) where name = 'value'"
    ).fetchall()
    assert types == [("INT64",)]


def parquet_files(parquet_dir: Path, table: str) -> list[str]:
    return sorted(str(p.relative_to(parquet_dir / table)) for p in (parquet_dir / table).rglob("*"))


def test_a_mart_that_gains_or_loses_its_date_column_keeps_only_its_new_layout(
    tmp_path: Path,
) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    publish(warehouse, tmp_path / "bi")
    conn = connect(warehouse)
    conn.execute("create or replace table marts.fct_days as select value from marts.fct_days")
    log_build(conn, "fct_days", None)
    conn.close()
    undated = publish(warehouse, tmp_path / "bi")
    # the month folders of the dated layout are gone: a reader of the mart's folder reads 70 rows
    assert parquet_files(undated.parquet_dir, "fct_days") == [PART_FILE]
    assert len(parquet_rows(undated.parquet_dir, "fct_days")) == 70

    conn = connect(warehouse)
    conn.execute(f"create or replace table marts.fct_days as {DAYS}")
    log_build(conn, "fct_days", None)
    conn.close()
    dated = publish(warehouse, tmp_path / "bi")
    assert PART_FILE not in parquet_files(dated.parquet_dir, "fct_days")
    assert len(parquet_rows(dated.parquet_dir, "fct_days")) == 70


def test_a_mart_with_a_null_date_fails_the_copy_by_name_and_keeps_the_previous_one(
    tmp_path: Path,
) -> None:
    warehouse = days_warehouse(tmp_path / "w.duckdb")
    first = publish(warehouse, tmp_path / "bi")
    conn = connect(warehouse)
    conn.execute("insert into marts.fct_days values (null, 1), (null, 2)")
    log_build(conn, "fct_days", None)
    conn.close()
    # a month folder per date: a row without one would be dropped from the Parquet files
    with pytest.raises(RuntimeError, match=r"marts\.fct_days: 2 rows with a null date"):
        publish(warehouse, tmp_path / "bi")
    assert bi_rows(first.bi_path, "fct_days") == duckdb.sql(f"{DAYS} order by all").fetchall()
    assert len(parquet_rows(first.parquet_dir, "fct_days")) == 70
    assert not list((tmp_path / "bi").rglob("*.tmp"))
