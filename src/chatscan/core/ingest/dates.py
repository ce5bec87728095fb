"""Dates as chat exports write them: deciding day-first or month-first once per file.

A file's numeric dates (``03/04/21``) are ambiguous until some field settles it. The
order is decided once per file, as the readers collect the dates: a 4-digit first
field means year first; a first field above 12 means day first; a second field above
12 means month first; otherwise the order with the fewest backwards jumps in time
wins, and the guess is reported as low-confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

__all__ = ["DateOrder", "RawDate", "decide_date_order", "make_datetime"]


@dataclass(frozen=True, slots=True)
class RawDate:
    """A date and time as written: three numeric date fields in file order, and the
    time (24-hour) of day."""

    first: int
    second: int
    third: int
    first_digits: int
    hour: int = 0
    minute: int = 0
    second_of_minute: int = 0


@dataclass(frozen=True, slots=True)
class DateOrder:
    order: str  # "dmy", "mdy" or "ymd"
    confident: bool
    reason: str


def _year(value: int) -> int:
    return value + 2000 if value < 100 else value


def make_datetime(raw: RawDate, order: str) -> datetime | None:
    """The date in ``order``; None when the fields are not a real date in that order."""
    if order == "ymd":
        year, month, day = raw.first, raw.second, raw.third
    elif order == "dmy":
        day, month, year = raw.first, raw.second, raw.third
    else:
        month, day, year = raw.first, raw.second, raw.third
    try:
        return datetime(_year(year), month, day, raw.hour, raw.minute, raw.second_of_minute)
    except ValueError:
        return None


def _backwards_jumps(dates: Sequence[RawDate], order: str) -> int:
    jumps, previous = 0, None
    for raw in dates:
        value = make_datetime(raw, order)
        if value is None:
            return len(dates) + 1  # impossible in this order
        if previous is not None and value < previous:
            jumps += 1
        previous = value
    return jumps


def decide_date_order(dates: Sequence[RawDate], forced: str = "auto") -> DateOrder:
    """The order for a whole file's dates (``forced`` unless it is ``auto``)."""
    if forced != "auto":
        return DateOrder(forced, True, "given with --date-order")
    if any(raw.first_digits == 4 for raw in dates):
        return DateOrder("ymd", True, "a 4-digit first field")
    if any(raw.first > 12 for raw in dates):
        return DateOrder("dmy", True, "a first field above 12")
    if any(raw.second > 12 for raw in dates):
        return DateOrder("mdy", True, "a second field above 12")
    if not dates:
        return DateOrder("dmy", False, "no dates")
    day_first = _backwards_jumps(dates, "dmy")
    month_first = _backwards_jumps(dates, "mdy")
    if month_first < day_first:
        return DateOrder("mdy", False, "fewer backwards jumps in time month-first")
    return DateOrder("dmy", False, "fewer or equal backwards jumps in time day-first")
