"""Weekly closes and level crossings recomputed independently of the SQL: a pandas resample of
the daily closes of fct_prices_daily (weeks ending Sunday), the levels read from the seed CSV
itself, and a crossing as the documented rule says (above means close >= level)."""

from __future__ import annotations

import csv
from datetime import date

import duckdb
import pandas as pd

from warehouse.settings import PROJECT_DIR

LEVELS_CSV = PROJECT_DIR / "dbt_project" / "seeds" / "price_levels.csv"
CODES = {"daily_close": "DAILY_CLOSE_LEVEL_CROSS", "weekly_close": "WEEKLY_CLOSE_LEVEL_CROSS"}
SEVERITIES = {"daily_close": "low", "weekly_close": "medium"}


def price_levels() -> list[dict]:
    with LEVELS_CSV.open(newline="") as f:
        return [{**row, "level": float(row["level"])} for row in csv.DictReader(f)]


def daily_closes(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    days = conn.execute(
        "select asset, date, open, high, low, close from marts.fct_prices_daily "
        "order by asset, date"
    ).df()
    # DuckDB hands dates to pandas as timestamps; the marts' rows are dates
    return days.assign(date=[d.date() for d in pd.to_datetime(days["date"])])


def weekly_closes(conn: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Completed Monday–Sunday weeks per asset: resampled to weeks ending Sunday, weeks without
    a daily row dropped, and only weeks whose Sunday is on or before the asset's last day."""
    frames = []
    for asset, days in daily_closes(conn).groupby("asset"):
        days = days.set_index(pd.to_datetime(days["date"]))
        weeks = days.resample("W-SUN").agg(
            {"open": "first", "high": "max", "low": "min", "close": "last", "date": "count"}
        )
        weeks = weeks.rename(columns={"date": "days_with_prices"})
        # an empty week is a NaN close: the week after it has no return
        weeks["return_1w"] = weeks["close"] / weeks["close"].shift(1) - 1
        weeks = weeks[(weeks["days_with_prices"] > 0) & (weeks.index <= days.index.max())]
        weeks = weeks.assign(
            asset=asset,
            week_end=[d.date() for d in weeks.index],
            week_start=[(d - pd.Timedelta(days=6)).date() for d in weeks.index],
        )
        frames.append(weeks.reset_index(drop=True))
    return pd.concat(frames, ignore_index=True)


def level_crossings(conn: duckdb.DuckDBPyConnection) -> dict[tuple[date, str, str], dict]:
    """(date, asset, alert code) -> the close, the levels it crossed and the severity."""
    closes = {
        "daily_close": [
            (r.asset, r.date, r.close) for r in daily_closes(conn).itertuples(index=False)
        ],
        "weekly_close": [
            (r.asset, r.week_end, r.close) for r in weekly_closes(conn).itertuples(index=False)
        ],
    }
    crossings: dict[tuple[date, str, str], dict] = {}
    for kind, rows in closes.items():
        previous: dict[str, float] = {}
        for asset, day, close in sorted(rows):
            before = previous.get(asset)
            previous[asset] = close
            if before is None:
                continue
            for level in price_levels():
                if level["asset"] != asset or level["kind"] != kind:
                    continue
                if (before >= level["level"]) != (close >= level["level"]):
                    key = (day, asset, CODES[kind])
                    entry = crossings.setdefault(
                        key, {"close": close, "levels": [], "severity": SEVERITIES[kind]}
                    )
                    entry["levels"].append(level["level"])
    return crossings
