"""The resume's own date: what "Present" means in it.

In order: a date the caller gives; else the earliest of the file's own stamps (PDF CreationDate /
ModDate, DOCX core properties) that no start date written in the text contradicts; else the latest
date written in the text (stretched towards the years the resume states, when its current role is
open-ended). When nothing is written after the current role's start, that start only says the
resume is newer than it, and the resume is taken as current (today). Never later than today.
Pure: the stamps come from the extractor.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from worker.resume.dates import DateRange
from worker.resume.model import Section

# Lines whose dates lie ahead of the document by design.
_AHEAD = re.compile(
    r"\b(expected|anticipated|exp\.|graduating|incoming|upcoming|starting|will\s+(?:join|start|begin)|"
    r"prospective|planned|to be completed|graduate\s+(?:in\s+|on\s+)?(?:[a-z]+\.?\s+)?(?:19|20)\d\d|(?:19|20)\d\d\s*\(expected\))\b",
    re.IGNORECASE,
)
_STATED_YEARS = re.compile(
    r"\b(\d{1,2}(?:\.\d)?)\s*\+?\s*(?:years?|yrs?)\b(?:\s+(?:of|in))?(?:\s+\w+){0,4}?\s+"
    r"(?:experience|expertise|industry|professional)",
    re.IGNORECASE,
)


_STUDYING = re.compile(
    r"\b(?:currently\s+(?:pursuing|studying|enrolled)|pursuing\s+(?:a\s+|an\s+|my\s+)?(?:master|bachelor|ph\.?\s?d|"
    r"m\.?\s?s\b|b\.?\s?s\b|b\.?\s?tech|m\.?\s?tech|degree|doctorate)|expected\s+graduation|in\s+progress)",
    re.IGNORECASE,
)
_COURSE = re.compile(
    r"\b(certificate|certification|bootcamp|boot camp|course|program|training)\b", re.IGNORECASE
)
_LONE_YEAR = re.compile(r"(?<![\w/.-])(?:19[89]\d|20\d\d)(?![\w/-])")


@dataclass(frozen=True)
class AsOf:
    """The date open ranges end at, and where it came from ("given", a stamp's name, "text", "today")."""

    date: date
    source: str


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)]


def _in_education(pos: int, sections: Sequence[Section]) -> bool:
    return any(s.name == "education" and s.start <= pos < s.end for s in sections)


def text_points(
    text: str, ranges: Sequence[DateRange], sections: Sequence[Section]
) -> tuple[date | None, date | None]:
    """(latest start, latest date of any kind) written in the text, leaving out dates meant to lie
    ahead ("expected May 2026", the end of a degree the text says is being pursued); a lone year
    ("PyData 2025") counts from its middle."""
    latest_start: date | None = None
    latest: date | None = None
    studying = bool(_STUDYING.search(text))
    for rng in ranges:
        if _AHEAD.search(_line_of(text, rng.pos)):
            continue
        start = rng.start if not rng.year_only else date(rng.start.year, 1, 1)
        latest_start = max(latest_start or start, start)
        point = rng.start if rng.end is None else rng.end
        if studying and _in_education(rng.pos, sections) and not _COURSE.search(_line_of(text, rng.pos)):
            point = start  # a degree still being studied for ends after the document was written
        if rng.year_only and rng.end is not None:
            point = date(rng.end.year, 7, 1)
        latest = max(latest or point, point)
    starts = [r.pos for r in ranges]  # find_ranges returns them in order of position
    for m in _LONE_YEAR.finditer(text):
        year = int(m.group())
        if latest is not None and year <= latest.year or _AHEAD.search(_line_of(text, m.start())):
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < ranges[i].endpos:
            continue
        latest = date(year, 7, 1)
    return latest_start, latest


def _written_before_a_date_ahead(text: str, ranges: Sequence[DateRange]) -> bool:
    """The text names a date still ahead of it (an expected graduation, a degree being pursued)."""
    return bool(_STUDYING.search(text)) or any(_AHEAD.search(_line_of(text, r.pos)) for r in ranges)


def stated_years(text: str) -> float | None:
    """The most years of experience the resume claims in words ("8+ years of experience")."""
    values = [float(m.group(1)) for m in _STATED_YEARS.finditer(text[:6000])]
    values = [v for v in values if 0 < v <= 50]
    return max(values) if values else None


def resume_date(
    text: str,
    ranges: Sequence[DateRange],
    sections: Sequence[Section],
    stamps: Sequence[tuple[str, date]] | None,
    today: date,
    given: date | None = None,
    claimed: float | None = None,
) -> AsOf:
    """The date "Present" stands for in this resume (see the module's docstring); `claimed` is the
    resume's `stated_years`."""
    if given is not None:
        return AsOf(min(given, today), "given")
    if stamps is None:  # no document behind the text: the caller's clock is the date
        return AsOf(today, "today")
    latest_start, latest = text_points(text, ranges, sections)
    for source, stamp in sorted(stamps, key=lambda s: s[1]):
        if stamp > today:
            continue
        # A stamp earlier than a role the text says has started is a template's or a tool's date.
        if latest_start is None or (stamp.year, stamp.month) >= (latest_start.year, latest_start.month):
            return AsOf(stamp, source)
    if latest is None:
        return AsOf(today, "today")
    as_of = min(latest, today)
    if as_of.year == today.year and latest.month == 7 and latest.day == 1:
        as_of = min(as_of, today)
    open_starts = [r.start for r in ranges if r.end is None and not _in_education(r.pos, sections)]
    if claimed and open_starts:
        # The only date after the current role's start is "Present": the years the resume states,
        # counted from its earliest dated role, say how far "Present" reaches.
        first = min(r.start for r in ranges if not _in_education(r.pos, sections))
        reach = first + timedelta(days=round(claimed * 365.25))
        as_of = min(max(as_of, reach), today)
    elif open_starts and latest <= max(open_starts) and not _written_before_a_date_ahead(text, ranges):
        # Nothing is written after the current role's start: that date only says the resume is newer
        # than it ("Jan 2016 - Present" alone must not read as 0 years), so the resume is taken as current
        # (unless it names a date still ahead of it, "expected May 2025", which it must predate).
        return AsOf(today, "today")
    return AsOf(as_of, "text")
