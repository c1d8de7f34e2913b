"""Date ranges as resumes write them: "Jan 2019 – Present", "03/2017 - 11/2020", "Summer 2024"."""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date

from models.text import fold_case

MONTHS = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
# Season -> (first month, last month) of the usual academic/work period.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
QUARTERS = {"1": (1, 3), "2": (4, 6), "3": (7, 9), "4": (10, 12)}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
_APOS = "'’‘`´"
_POINT = (
    rf"(?:{_MONTH},?\s*(?:[{_APOS}]\s?\d\d|{_YEAR})|{_SEASON},?\s+{_YEAR}|q[1-4]\s*{_YEAR}|"
    rf"{_YEAR}\s*\(\s*{_MONTH}\s*\)|"  # "2021 (April)"
    rf"(?:0?[1-9]|1[0-2])\s*/\s*(?:0?[1-9]|[12]\d|3[01])\s*/\s*{_YEAR}|"  # "11/01/2022" (US order)
    rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|"  # "2022-11-01"
    rf"(?:0?[1-9]|1[0-2])\s*[/.]\s*{_YEAR}|{_YEAR}\s*[-/.]\s*(?:0[1-9]|1[0-2])(?![\d])|{_YEAR})"
)
# Two-digit numeric years ("06/15 - Now") are dates only inside a range.
_POINT_IN_RANGE = rf"(?:{_POINT}|(?:0?[1-9]|1[0-2])\s*/\s*\d\d(?![\d/]))"
_OPEN = (
    r"(?:(?:till|til|until|up\s+to|to)\s+(?:date|now|present|today)|present|current(?:ly)?|now|today|"
    r"ongoing|on-going|to date|date|onwards|continuing|heute|aujourd'hui)"
)
_SEP = r"\s*(?:[-–—‐‑]+|to|until|till|through|thru)\s*"
_BARE_START = rf"(?:{_MONTH}|{_SEASON})"  # "Jul – Sep 2025": the start borrows the end's year
RANGE = re.compile(
    rf"(?<![\w/])(?P<start>{_POINT_IN_RANGE}|{_BARE_START})"
    rf"(?:{_SEP}(?P<end>{_POINT_IN_RANGE}|{_OPEN})(?![\w/])|[ \t]*[-–—]+[ \t]*(?=\)|$))",  # "2016 -": open
    re.IGNORECASE | re.MULTILINE,
)
SINCE = re.compile(rf"(?<![\w/])(?:since|from)\s+(?P<start>{_POINT})(?!\s*{_SEP})(?![\w/])", re.IGNORECASE)
SINGLE = re.compile(rf"(?<![\w/])(?P<point>{_POINT})(?![\w/])", re.IGNORECASE)
# The same patterns, case-sensitive, for models.text.fold_case(text): twice as fast.
_RANGE_FOLDED = re.compile(RANGE.pattern, re.MULTILINE)
_SINCE_FOLDED = re.compile(SINCE.pattern)
_SINGLE_FOLDED = re.compile(SINGLE.pattern)


@dataclass(frozen=True)
class DateRange:
    """A span of months: start is the first day, end the last day (None: still going)."""

    start: date
    end: date | None
    text: str
    pos: int
    endpos: int
    year_only: bool = False

    def end_or(self, today: date) -> date:
        return self.end if self.end is not None else today


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    text = text.replace(" ", "").strip("'")
    return 2000 + int(text) if len(text) == 2 else int(text)


# The forms parse_point reads, on lowered text with one kind of apostrophe.
_YEAR_MONTH_WORD = re.compile(rf"({_YEAR})\s*\(\s*({_MONTH})\s*\)")  # "2021 (april)"
_US_DAY = re.compile(rf"(0?[1-9]|1[0-2])\s*/\s*(?:0?[1-9]|[12]\d|3[01])\s*/\s*({_YEAR})")  # "11/01/2022"
_ISO_DAY = re.compile(rf"({_YEAR})-(0[1-9]|1[0-2])-\d\d")  # "2022-11-01"
_MONTH_SHORT_YEAR = re.compile(r"(0?[1-9]|1[0-2])\s*/\s*(\d\d)")  # "06/15"
_MONTH_NAME_YEAR = re.compile(rf"({_MONTH}),?\s*('\s?\d\d|'?\d\d|{_YEAR})?")
_SEASON_YEAR = re.compile(rf"({_SEASON}),?\s*({_YEAR})?")
_QUARTER_YEAR = re.compile(rf"q([1-4])\s*({_YEAR})")
_MONTH_NUMBER_YEAR = re.compile(rf"(0?[1-9]|1[0-2])\s*[/.]\s*({_YEAR})")
_YEAR_MONTH_NUMBER = re.compile(rf"({_YEAR})\s*[-/.]\s*(0[1-9]|1[0-2])")
_BARE_YEAR = re.compile(_YEAR)
_OPEN_END = re.compile(_OPEN, re.IGNORECASE)


def parse_point(text: str, *, is_end: bool, default_year: int | None = None) -> tuple[date, bool] | None:
    """A date point as (date, year_only): the first day of its period, or the last when is_end."""
    t = text.strip().lower().rstrip(".")
    for mark in _APOS:
        t = t.replace(mark, "'")
    m = _YEAR_MONTH_WORD.fullmatch(t)
    if m:  # "2021 (april)"
        t = f"{m.group(2)} {m.group(1)}"
    m = _US_DAY.fullmatch(t) or _ISO_DAY.fullmatch(t)
    if m:  # a day-precise date: keep its month
        first, second = m.group(1), m.group(2)
        t = f"{first}/{second}" if len(first) <= 2 else f"{second}/{first}"
    m = _MONTH_SHORT_YEAR.fullmatch(t)
    if m:  # "06/15": June 2015
        t = f"{m.group(1)}/{2000 + int(m.group(2)) if int(m.group(2)) < 50 else 1900 + int(m.group(2))}"
    m = _MONTH_NAME_YEAR.fullmatch(t)
    if m:
        month = MONTHS[
            m.group(1).rstrip(".")[:4] if m.group(1).startswith("sept") else m.group(1).rstrip(".")[:3]
        ]
        year = _year(m.group(2)) if m.group(2) else default_year
        if year is None:
            return None
        return (_last_day(year, month) if is_end else date(year, month, 1)), False
    m = _SEASON_YEAR.fullmatch(t)
    if m:
        first, last = SEASONS[m.group(1)]
        year = int(m.group(2)) if m.group(2) else default_year
        if year is None:
            return None
        if m.group(1) == "winter":
            return (
                _last_day(year, last) if is_end else date(year - 1 if first == 12 else year, first, 1)
            ), False
        return (_last_day(year, last) if is_end else date(year, first, 1)), False
    m = _QUARTER_YEAR.fullmatch(t)
    if m:
        first, last = QUARTERS[m.group(1)]
        year = int(m.group(2))
        return (_last_day(year, last) if is_end else date(year, first, 1)), False
    m = _MONTH_NUMBER_YEAR.fullmatch(t)
    if m:
        month, year = int(m.group(1)), int(m.group(2))
        return (_last_day(year, month) if is_end else date(year, month, 1)), False
    m = _YEAR_MONTH_NUMBER.fullmatch(t)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return (_last_day(year, month) if is_end else date(year, month, 1)), False
    m = _BARE_YEAR.fullmatch(t)
    if m:
        # A bare year: count from mid-year so "2016 – 2018" is two years, as people read it.
        return date(int(t), 7, 1), True
    return None


def _group(text: str, match: re.Match[str], name: str) -> str | None:
    """A group of a match found in the fold of `text`, as written in `text`."""
    start, end = match.span(name)
    return text[start:end] if start >= 0 else None


def find_ranges(text: str, today: date) -> list[DateRange]:
    """Every date range in `text`, plus lone month-precision dates ("Summer 2024", "Dec 2024")."""
    folded = fold_case(text)  # searched; what a match says is read from `text`
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []
    for m in _RANGE_FOLDED.finditer(folded):
        end_text = _group(text, m, "end") or "present"
        if _OPEN_END.fullmatch(end_text.strip()):
            end: date | None = None
            end_year_only = False
        else:
            parsed = parse_point(end_text, is_end=True)
            if parsed is None:
                continue
            end, end_year_only = parsed
        default_year = end.year if end is not None else today.year
        start_parsed = parse_point(_group(text, m, "start") or "", is_end=False, default_year=default_year)
        if start_parsed is None:
            continue
        start, start_year_only = start_parsed
        if end is not None and end < start:
            if start_year_only or end_year_only or (start - end).days > 370:
                continue
            start, end = end, start
        if start > today:
            continue
        whole = text[m.start() : m.end()]
        found.append(DateRange(start, end, whole, m.start(), m.end(), start_year_only and end_year_only))
        taken.append((m.start(), m.end()))
    taken_starts = [a for a, _ in taken]  # RANGE matches come in order and never overlap

    def covered(pos: int) -> bool:
        i = bisect.bisect_right(taken_starts, pos) - 1
        return i >= 0 and pos < taken[i][1]

    for m in _SINCE_FOLDED.finditer(folded):
        if covered(m.start()) or folded.startswith("from", m.start()):
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if len(text[line_start : line_end if line_end >= 0 else len(text)].split()) > 8:
            continue  # "on call since 2020" inside a sentence is not a role's dates
        parsed_since = parse_point(_group(text, m, "start") or "", is_end=False)
        if parsed_since is not None and parsed_since[0] <= today:
            whole = text[m.start() : m.end()]
            found.append(DateRange(parsed_since[0], None, whole, m.start(), m.end(), parsed_since[1]))
            i = bisect.bisect_right(taken_starts, m.start())
            taken.insert(i, (m.start(), m.end()))
            taken_starts.insert(i, m.start())
    for m in _SINGLE_FOLDED.finditer(folded):
        if covered(m.start()):
            continue
        point = _group(text, m, "point") or ""
        if _BARE_YEAR.fullmatch(point.strip()):
            continue  # a lone year is a publication or graduation year, not a period of work
        start_parsed = parse_point(point, is_end=False)
        end_parsed = parse_point(point, is_end=True)
        if start_parsed is None or end_parsed is None or start_parsed[0] > today:
            continue
        found.append(DateRange(start_parsed[0], end_parsed[0], point, m.start(), m.end()))
    found.sort(key=lambda r: r.pos)
    return found
