"""English month names as sources print them, and their numbers: one list for every parser."""

from __future__ import annotations

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
# "january" -> 1; lower case, so parsers compare after .lower().
MONTH_NUMBERS = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
# "jan" -> 1: the three-letter abbreviations (Fed's "Apr/May", Deribit's "27DEC24").
MONTH_ABBREVIATIONS = {name[:3]: number for name, number in MONTH_NUMBERS.items()}
