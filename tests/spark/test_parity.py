"""The comparison the Spark engine test relies on can tell a difference (fast, no Spark)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import polars as pl

from tests.spark.parity import differences

DUCKDB = pl.DataFrame(
    {
        "date": [date(2025, 1, 2), date(2025, 1, 1)],
        "asset": ["ETH", "BTC"],
        "close": [3000.0, 100_000.0],
        "alerts": pl.Series([2, 1], dtype=pl.Int32),
        "flow": pl.Series([Decimal("1.50"), Decimal("-2.25")], dtype=pl.Decimal(18, 2)),
    }
)


def test_equal_tables_in_another_row_order_and_wider_types_are_equal() -> None:
    spark = DUCKDB.reverse().with_columns(
        pl.col("alerts").cast(pl.Int64), pl.col("close") * (1 + 1e-12)
    )
    assert differences("t", DUCKDB, spark) == []


def test_a_number_beyond_the_tolerance_differs() -> None:
    spark = DUCKDB.with_columns(pl.col("close") * (1 + 1e-7))
    (found,) = differences("t", DUCKDB, spark)
    assert found.startswith("t.close: 2 of 2 rows differ (first: DuckDB 100000.0, Spark 100000.01")


def test_an_integer_text_null_or_row_count_differs() -> None:
    assert differences("t", DUCKDB, DUCKDB.with_columns(pl.lit(1, pl.Int32).alias("alerts")))
    assert differences("t", DUCKDB, DUCKDB.with_columns(pl.lit("BTC").alias("asset")))
    assert differences("t", DUCKDB, DUCKDB.with_columns(pl.lit(None, pl.Float64).alias("close")))
    assert differences("t", DUCKDB, DUCKDB.head(1)) == ["t: 2 rows on DuckDB, 1 on Spark"]
    assert differences("t", DUCKDB, DUCKDB.drop("flow"))
