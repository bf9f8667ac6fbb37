"""The brief's charts are drawn as SVG here: round ticks that cover the data, labels that say
the month and the year, bars and lines where the data is, and an empty chart that says so."""

from __future__ import annotations

import re
from datetime import date, timedelta

from brief.charts import bar_chart, date_ticks, nice_ticks, number_format, series_chart

DAY = date(2025, 11, 15)


def test_ticks_are_round_and_cover_the_data() -> None:
    assert nice_ticks(61_234.0, 126_000.0) == [60_000, 80_000, 100_000, 120_000, 140_000]
    assert nice_ticks(-0.63, 0.0) == [-0.8, -0.6, -0.4, -0.2, 0.0]
    # a flat series still gets an axis around its value
    assert nice_ticks(5.0, 5.0) == [4.4, 4.6, 4.8, 5.0, 5.2, 5.4, 5.6]


def test_tick_labels_carry_the_sign_before_the_unit_and_only_the_decimals_needed() -> None:
    usd = number_format([-1000.0, -500.0, 0.0, 500.0], prefix="$", suffix="m")
    assert [usd(v) for v in (-1000.0, 0.0, 1500.0)] == ["-$1,000m", "$0m", "$1,500m"]
    assert number_format([0.0, 0.25, 0.5])(0.25) == "0.25"
    assert number_format([0.0, 0.05, 0.1])(-0.05) == "-0.05"
    assert number_format([0.0, 2.5, 5.0], suffix="%")(2.5) == "2.5%"


def test_a_year_of_days_is_labelled_by_month_with_the_year_on_january() -> None:
    ticks = date_ticks(date(2024, 11, 15), DAY)
    assert 4 <= len(ticks) <= 8
    assert all(day.day == 1 for day, _ in ticks)
    assert (date(2025, 1, 1), "2025") in ticks


def test_three_months_get_the_1st_and_15th_and_the_first_month_named_has_its_year() -> None:
    ticks = date_ticks(date(2025, 8, 20), DAY)
    assert [label for _, label in ticks] == ["Sep 2025", "15", "Oct", "15", "Nov", "15"]


def test_a_few_days_are_labelled_by_day_and_month() -> None:
    ticks = date_ticks(date(2025, 11, 3), date(2025, 11, 11))
    assert ticks[0] == (date(2025, 11, 3), "3 Nov") and len(ticks) == 5


def test_a_line_chart_draws_every_point_of_each_series() -> None:
    rows = [
        {"date": DAY - timedelta(days=i), "btc": 100.0 + i, "eth": None if i % 2 else 50.0}
        for i in range(10)
    ]
    chart = series_chart("k", "BTC & ETH", rows, [("btc", "BTC", "#f00"), ("eth", "ETH", "#00f")])
    lines = re.findall(r'<polyline [^>]*points="([^"]+)"', chart.svg)
    assert [len(points.split()) for points in lines] == [10, 5]
    assert chart.points == 15 and chart.as_of == DAY
    assert 'aria-label="BTC &amp; ETH"' in chart.svg and ">BTC<" in chart.svg


def test_bars_go_down_for_outflows_and_a_flagged_day_is_dark_red() -> None:
    rows = [
        {"date": DAY - timedelta(days=2), "flow": 200e6, "streak": False},
        {"date": DAY - timedelta(days=1), "flow": -300e6, "streak": False},
        {"date": DAY, "flow": -100e6, "streak": True},
    ]
    chart = bar_chart("f", "flows", rows, "flow", highlight="streak")
    fills = re.findall(
        r'<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="([^"]+)"', chart.svg
    )
    assert fills == ["#2ca02c", "#d62728", "#8b0000"]
    # the axis runs from the biggest outflow, labelled sign first
    assert ">-$300m<" in chart.svg and ">$200m<" in chart.svg


def test_a_chart_without_data_says_so() -> None:
    chart = series_chart("k", "empty", [], [("btc", "BTC", "#f00")])
    assert chart.points == 0 and chart.as_of is None and "no data" in chart.svg
