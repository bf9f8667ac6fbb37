"""The US equity market (NYSE) calendar that ETF flows follow: weekdays minus exchange holidays.

The holiday list covers 2024-2026 (NYSE published schedule, plus the 2025-01-09 national day of
mourning for President Carter). Outside those years only weekends are known to be closed.
The dbt seed ``us_market_holidays`` carries the same dates (a test keeps them equal).
"""

from __future__ import annotations

from datetime import date, timedelta

NYSE_HOLIDAYS: dict[date, str] = {
    date(2024, 1, 1): "New Year's Day",
    date(2024, 1, 15): "Martin Luther King Jr. Day",
    date(2024, 2, 19): "Washington's Birthday",
    date(2024, 3, 29): "Good Friday",
    date(2024, 5, 27): "Memorial Day",
    date(2024, 6, 19): "Juneteenth",
    date(2024, 7, 4): "Independence Day",
    date(2024, 9, 2): "Labor Day",
    date(2024, 11, 28): "Thanksgiving Day",
    date(2024, 12, 25): "Christmas Day",
    date(2025, 1, 1): "New Year's Day",
    date(2025, 1, 9): "National Day of Mourning (President Carter)",
    date(2025, 1, 20): "Martin Luther King Jr. Day",
    date(2025, 2, 17): "Washington's Birthday",
    date(2025, 4, 18): "Good Friday",
    date(2025, 5, 26): "Memorial Day",
    date(2025, 6, 19): "Juneteenth",
    date(2025, 7, 4): "Independence Day",
    date(2025, 9, 1): "Labor Day",
    date(2025, 11, 27): "Thanksgiving Day",
    date(2025, 12, 25): "Christmas Day",
    date(2026, 1, 1): "New Year's Day",
    date(2026, 1, 19): "Martin Luther King Jr. Day",
    date(2026, 2, 16): "Washington's Birthday",
    date(2026, 4, 3): "Good Friday",
    date(2026, 5, 25): "Memorial Day",
    date(2026, 6, 19): "Juneteenth",
    date(2026, 7, 3): "Independence Day (observed)",
    date(2026, 9, 7): "Labor Day",
    date(2026, 11, 26): "Thanksgiving Day",
    date(2026, 12, 25): "Christmas Day",
}


def is_trading_day(day: date) -> bool:
    return day.weekday() < 5 and day not in NYSE_HOLIDAYS


def trading_days(start: date, end: date) -> list[date]:
    """US trading days in [start, end]."""
    days, day = [], start
    while day <= end:
        if is_trading_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def trading_days_before(day: date, count: int) -> date:
    """The date ``count`` US trading days before ``day`` (``day`` itself when count is 0)."""
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    found = 0
    while found < count:
        day -= timedelta(days=1)
        if is_trading_day(day):
            found += 1
    return day
