"""How much time a set of periods covers together (overlapping jobs count once). Pure."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

DAYS_PER_YEAR = 365.25


def covered_days(periods: Iterable[tuple[date, date]]) -> int:
    """Days in the union of periods `(start, end)`, both days included.

    The end rule: a period's `end` is its last day (the parser's roles end on the last day of their
    last month, and an open role on the resume's own date), so January to December is 365 or 366
    days, not one day less; a period that starts the day after another ends continues it; one that
    ends before it starts covers nothing. Callers cap open or future ends at the as-of date.
    """
    total = 0
    current: tuple[date, date] | None = None
    for start, end in sorted(periods):
        if end < start:
            continue
        if current is None or start > current[1] + timedelta(days=1):
            if current is not None:
                total += (current[1] - current[0]).days + 1
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += (current[1] - current[0]).days + 1
    return total


def covered_years(periods: Iterable[tuple[date, date]]) -> float:
    """covered_days in years (of 365.25 days), unrounded."""
    return covered_days(periods) / DAYS_PER_YEAR
