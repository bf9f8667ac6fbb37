"""Row-and-column equality of two versions of a table (the DuckDB build and the Spark build):
the same columns, the same number of rows, and, after sorting both on every column, equal
values: exactly for integers, texts, dates, timestamps and booleans; within a relative 1e-9
for floating-point numbers (the two engines may add in a different order)."""

from __future__ import annotations

import polars as pl

REL_TOL = 1e-9


def _numeric(dtype: pl.DataType) -> bool:
    return dtype.is_float() or isinstance(dtype, pl.Decimal)


def _normalized(frame: pl.DataFrame, like: pl.Schema) -> pl.DataFrame:
    """Both sides in the DuckDB side's types: decimals and floats as Float64, integers as
    Int64, timestamps as naive microseconds (UTC), so a wider integer or another timestamp unit
    on the Spark side is not a difference."""
    columns = []
    for name, dtype in like.items():
        column = frame.get_column(name)
        if _numeric(dtype):
            column = column.cast(pl.Float64)
        elif dtype.is_integer():
            column = column.cast(pl.Int64)
        elif isinstance(dtype, pl.Datetime):
            if getattr(column.dtype, "time_zone", None):
                column = column.dt.convert_time_zone("UTC").dt.replace_time_zone(None)
            column = column.cast(pl.Datetime("us"))
        else:
            column = column.cast(dtype)
        columns.append(column.alias(name))
    return pl.DataFrame(columns)


def differences(name: str, expected: pl.DataFrame, actual: pl.DataFrame) -> list[str]:
    """What differs between ``expected`` (DuckDB) and ``actual`` (Spark), one line each;
    empty when they are equal."""
    if sorted(expected.columns) != sorted(actual.columns):
        missing = sorted(set(expected.columns) - set(actual.columns))
        extra = sorted(set(actual.columns) - set(expected.columns))
        return [f"{name}: columns differ (missing {missing}, extra {extra})"]
    if expected.height != actual.height:
        return [f"{name}: {expected.height} rows on DuckDB, {actual.height} on Spark"]
    schema = expected.schema
    floats = [c for c, t in schema.items() if _numeric(t)]
    exact = [c for c in expected.columns if c not in floats]
    order = exact + floats
    left = _normalized(expected, schema).sort(order, nulls_last=True)
    right = _normalized(actual, schema).sort(order, nulls_last=True)
    found = []
    for column in expected.columns:
        a, b = left.get_column(column), right.get_column(column)
        if column in floats:
            nulls = a.is_null() != b.is_null()
            both = a.is_not_null() & b.is_not_null()
            scale = pl.DataFrame({"a": a.abs(), "b": b.abs()}).max_horizontal()
            relative = ((a - b).abs() / scale.clip(lower_bound=1e-300)).fill_null(0.0)
            bad = nulls | (both & (relative > REL_TOL))
        else:
            bad = a.ne_missing(b)
        if bad.any():
            i = bad.arg_true()[0]
            found.append(
                f"{name}.{column}: {int(bad.sum())} of {expected.height} rows differ "
                f"(first: DuckDB {a[i]!r}, Spark {b[i]!r})"
            )
    return found
