"""How a record row of fct_pulse_records_daily reads in the desk notes."""

from __future__ import annotations

from datetime import date

from brief.notes import record_sentence, since_phrase

DAY = date(2025, 11, 4)


def record(value: float, highest: date | None, lowest: date | None) -> dict:
    return {
        "date": DAY,
        "value": value,
        "highest_since": highest,
        "lowest_since": lowest,
        "first_date": date(2024, 1, 11),
    }


def test_the_side_reaching_further_back_is_said() -> None:
    row = record(0.73, date(2025, 1, 21), date(2025, 11, 3))
    assert since_phrase(row, "highest", "lowest", signed=False) == "highest since 2025-01-21"


def test_no_since_date_is_a_record_over_the_whole_history() -> None:
    row = record(0.9, None, date(2025, 11, 3))
    assert (
        since_phrase(row, "highest", "lowest", signed=False)
        == "highest on record (since 2024-01-11)"
    )


def test_a_record_of_a_few_days_is_no_news() -> None:
    row = record(0.5, date(2025, 10, 30), date(2025, 11, 3))
    assert since_phrase(row, "highest", "lowest", signed=False) == ""
    assert record_sentence("btc_ndx_corr_30d", row, DAY) == (
        "30-day BTC–Nasdaq-100 correlation 0.50."
    )


def test_an_outflow_is_never_the_largest_inflow() -> None:
    # -5m: the last day at least as high is long ago, but an outflow reads on its own side
    row = record(-5e6, date(2024, 3, 1), date(2025, 11, 3))
    assert since_phrase(row, "largest inflow", "largest outflow", signed=True) == ""
    row = record(-566.4e6, date(2025, 11, 3), date(2025, 8, 1))
    assert record_sentence("btc_etf_net_flow_usd", row, DAY) == (
        "BTC spot-ETF net flow -$566.4m, largest outflow since 2025-08-01."
    )
