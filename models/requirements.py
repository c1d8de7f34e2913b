"""What a job description asks for, read from its text: years, degree, and the ladder level.

Career documents quote many numbers that are not the role's requirement: salary bands per
experience level ("Entry-Level (0-2 years): $96,000"), market statistics ("over the last five
years"), other levels' years. A line only counts when it talks about experience and not money,
markets or another level.
"""

from __future__ import annotations

import re

from models.text import NUMBER_WORDS
from models.vocab import DEGREES

_NUM = r"(\d{1,2}(?:\.\d)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEARS = re.compile(
    _NUM + r"\s*(\+|plus)?\s*(?:(?:-|–|—|to)\s*" + _NUM + r"\s*\+?\s*)?years?\b"
    r"(?:\s+of)?(?P<tail>[^.\n;]{0,80})",
    re.IGNORECASE,
)
# Lines about pay, the market, or a band of levels are not requirements.
_NOT_A_REQUIREMENT = re.compile(
    r"\$|€|£|salar|compensation|\bpay\b|\bearn|\baverage|\bmedian|postings|\bincrease|\bgrowth|"
    r"\b(?:entry|mid|senior|junior|late)[- ](?:level|career)\b|\bexperienced\s*\(|"
    r"over the (?:past|last)|in the (?:past|last)|career path|progress",
    re.IGNORECASE,
)
_EXPERIENCE_WORDS = re.compile(
    r"experience|work|industry|professional|building|designing|"
    r"programming|engineering|in (?:software|machine|ml|data)",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(NUMBER_WORDS.get(text.lower(), text))


def years_required(text: str) -> tuple[float, float | None] | None:
    """The experience a description asks for as (minimum, maximum or None), or None if it states none.

    Of several requirement lines ("10+ years overall", "5+ years of ML") the largest minimum is the
    role's own; a range ("2-4 years") gives the maximum too.
    """
    best: tuple[float, float | None] | None = None
    for line in text.splitlines():
        if _NOT_A_REQUIREMENT.search(line):
            continue
        for m in _YEARS.finditer(line):
            context = line[max(0, m.start() - 60) : m.end()]
            if not _EXPERIENCE_WORDS.search(context):
                continue
            low = _number(m.group(1))
            high = _number(m.group(3)) if m.group(3) else None
            if m.group(2):
                high = None
            if low > 40 or (high is not None and high < low):
                continue
            if best is None or low > best[0]:
                best = (low, high)
    return best


_DEGREE_PATTERNS = (
    ("phd", re.compile(r"\bph\.?\s?d\b|\bdoctora(?:te|l)\b", re.IGNORECASE)),
    (
        "master",
        re.compile(r"\bmaster'?s?\b|\bm\.?s\.?c?\b(?=\s+(?:in|or|degree)\b|\s*/|,)|\bmsc\b", re.IGNORECASE),
    ),
    (
        "bachelor",
        re.compile(
            r"\bbachelor'?s?\b|\bb\.?s\.?c?\b(?=\s+(?:in|or|degree)\b|\s*/|,)|\bbsc\b|"
            r"\bundergraduate degree\b",
            re.IGNORECASE,
        ),
    ),
)
_MINIMUM = re.compile(r"minimum|required|requires|must have|at least", re.IGNORECASE)
_PREFERRED = re.compile(r"prefer|plus|beneficial|nice to have|advanced roles|often|ideal", re.IGNORECASE)


def degree_required(text: str) -> str:
    """The lowest degree the description requires ("none" when it names none).

    A degree on a line that calls it preferred or a plus is not a requirement, unless nothing else is named.
    """
    required: list[str] = []
    preferred: list[str] = []
    for line in text.splitlines():
        found = [name for name, rx in _DEGREE_PATTERNS if rx.search(line)]
        if not found:
            continue
        lowest = min(found, key=DEGREES.index)
        if _PREFERRED.search(line) and not _MINIMUM.search(line):
            preferred.append(lowest)
        else:
            required.append(lowest)
    pool = required or preferred
    return min(pool, key=DEGREES.index) if pool else "none"


# Title words and the ladder level they mean (1 entry .. 5 distinguished).
_TITLE_LEVELS = (
    (
        5,
        re.compile(
            r"\b(?:distinguished|principal|fellow|director|head of|vp|vice president|chief)\b", re.IGNORECASE
        ),
    ),
    (4, re.compile(r"\b(?:senior|sr\.?|staff|lead|manager|iii|iv)\b", re.IGNORECASE)),
    (3, re.compile(r"\b(?:ii|mid[- ]level|intermediate)\b", re.IGNORECASE)),
    (
        1,
        re.compile(
            r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad|intern|associate|i)\b", re.IGNORECASE
        ),
    ),
)


def level_from_title(title: str) -> int | None:
    """The ladder level a title's seniority words name, or None if it names none."""
    for level, rx in _TITLE_LEVELS:
        if rx.search(title):
            return level
    return None


def level_from_years(minimum: float) -> int:
    """The ladder level whose band starts at `minimum` years."""
    if minimum < 1:
        return 1
    if minimum < 2:
        return 2
    if minimum < 5:
        return 3
    if minimum < 10:
        return 4
    return 5


def infer_level(title: str | None, years: tuple[float, float | None] | None) -> int:
    """Ladder level of a role: its title's seniority words first, else the years it asks for, else 2."""
    by_title = level_from_title(title) if title else None
    if by_title is not None:
        return by_title
    if years is not None:
        return level_from_years(years[0])
    return 2
