"""A user's "as of" date (the API's and the CLI's `as_of`): the date open ranges in a resume end at."""

from __future__ import annotations

import re
from datetime import date, timedelta

_AS_OF = re.compile(r"((?:19|20)\d\d)-(0[1-9]|1[0-2])(?:-(\d\d))?")


def parse_as_of(value: str) -> date:
    """A user's "as of" date: YYYY-MM-DD or YYYY-MM (the month's last day); ValueError otherwise."""
    value = value.strip()
    m = _AS_OF.fullmatch(value)
    if not m:
        raise ValueError(f"{value[:40]!r} is not a date; give it as YYYY-MM-DD or YYYY-MM.")
    year, month = int(m.group(1)), int(m.group(2))
    if m.group(3):
        return date(year, month, int(m.group(3)))  # ValueError for 2021-02-30
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)
