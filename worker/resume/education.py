"""Highest completed degree, fields of study, and any degree still in progress."""

from __future__ import annotations

import re
from datetime import date

from models.vocab import DEGREE_RANK
from worker.resume.dates import find_ranges
from worker.resume.model import Education, Section

RANK = DEGREE_RANK
# Spelled-out degrees (any case) and abbreviations (case as written: "M.S.", "MSc", "Ph.D.").
_WORDS = [
    (
        "phd",
        r"doctor of philosophy|doctorate|doctoral degree|ph\.? ?d\.?|doktor|doctorat|doctorado|dottorato",
    ),
    ("master", r"master'?s?(?: degree)?|masters|máster|mestrado|magister|laurea magistrale|diplom(?!a)"),
    ("bachelor", r"bachelor'?s?(?: degree)?|bachelors|baccalaureate|licenciatura|bacharelado"),
]
_ABBREVIATIONS = [
    (
        "phd",
        (
            r"Ph\.?\s?D\.?|PHD|D\.\s?Phil\.?|DPhil|Sc\.\s?D\.|Ed\.\s?D\.|Eng\.\s?D\.|Dr\.\s?rer\.\s?nat\.?|"
            r"Dr\.-Ing\.?|Dr\.\s?(?:phil|rer\.\s?pol|sc\.\s?techn|techn|sc)\.?"
        ),
    ),
    (
        "master",
        (
            r"M\.\s?C\.\s?A\.?|MCA|M\.\s?S\.|M\.\s?Sc\.?|MSc|M\.\s?A\.\s?T\.|M\.\s?A\.|M\.\s?Eng\.?|MEng|M\.\s?B\.\s?A\.|MBA|"
            r"M\.\s?Phil\.?|MPhil|M\.\s?Tech\.?|MTech|M\.\s?P\.\s?H\.|MPH|M\.\s?F\.\s?A\.|MFA|LL\.\s?M\.?|"
            r"M\.\s?Res\.?|MRes|M\.\s?Ed\.|MCS|MSE|MASc|MSEE|MSCS"
        ),
    ),
    (
        "bachelor",
        (
            r"B\.\s?S\.|B\.\s?Sc\.?|BSc|B\.\s?A\.|B\.\s?Eng\.?|BEng|B\.\s?E\.|B\.\s?Tech\.?|BTech|"
            r"B\.\s?B\.\s?A\.|BBA|A\.\s?B\.|S\.\s?B\.|LL\.\s?B\.?|B\.\s?Com\.?|BCom|B\.\s?F\.\s?A\.|BFA|"
            r"B\.\s?Ed\.|BCS|BSE|BASc|BSEE|BSCS|B\.\s?C\.\s?A\.?|BCA|B\.\s?COM\.?|BMus|B\.\s?Mus\.?"
        ),
    ),
]
# Bare capitals that are degrees only where they read like one ("MS in", "BA, Economics").
_BARE = [("master", r"MS|MA"), ("bachelor", r"BS|BA|BE")]
_NOT_COMPLETED = re.compile(
    r"\b(no degree|not completed|did not complete|incomplete|withdrew|coursework "
    r"towards?|courses towards?|non-degree|audit(ed)?|dropped out|left (the )?program)\b",
    re.IGNORECASE,
)
_IN_PROGRESS = re.compile(
    r"\b(expected|anticipated|in progress|candidate|pursuing|ongoing|current(ly)?|"
    r"to be completed|exp\.|abd|all but dissertation|graduating|enrolled)\b",
    re.IGNORECASE,
)
_NOT_DEGREE = re.compile(
    r"\b(bootcamp|boot camp|certificate|certification|immersive|nanodegree|diploma|"
    r"course|mooc|specialization)\b",
    re.IGNORECASE,
)


_WORD_RES = [
    (level, re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])", re.IGNORECASE)) for level, pattern in _WORDS
]
_NOT_MASTER = re.compile(
    r"master(s|'s)?\s+(class|plan|data|file|chef|of ceremonies|key|branch)", re.IGNORECASE
)
_ABBREVIATION_RES = [
    (level, re.compile(rf"(?<![\w.])(?:{pattern})(?![\w])")) for level, pattern in _ABBREVIATIONS
]
_BARE_RES = [
    (
        level,
        re.compile(
            rf"(?:^|(?<=[\s(]))(?:{pattern})(?=\s+in\b|\s*,\s*[A-Z][a-z]|\s+\(|\s+[-–—]\s+[A-Z]|"
            rf"\s+(?:degree|program)\b|$)"
        ),
        re.compile(rf"\s*(?:[•·▪-]\s*)?({pattern})(?=\s+[A-Z][a-z])"),
    )
    for level, pattern in _BARE
]


def _degree_in(line: str) -> tuple[str, re.Match[str]] | None:
    """The highest degree a line names, with where it was named."""
    hits: list[tuple[str, re.Match[str]]] = []
    for level, pattern in _WORD_RES:
        m = pattern.search(line)
        if m and not _NOT_MASTER.search(line):
            hits.append((level, m))
    for level, pattern in _ABBREVIATION_RES:
        m = pattern.search(line)
        if m:
            hits.append((level, m))
    for level, inside, leading in _BARE_RES:
        m = inside.search(line) or leading.match(line)
        if m and not re.search(rf"[A-Za-z]\w*,\s*{m.group()}\b", line):  # "Boston, MA": a state
            hits.append((level, m))
    if not hits:
        return None
    return max(hits, key=lambda h: (RANK[h[0]], -h[1].start()))


def degree_named(line: str) -> bool:
    """True when a line names a degree (not a certificate or a bootcamp)."""
    found = _degree_in(line)
    return found is not None and not _NOT_DEGREE.search(line[: found[1].start()])


def _field_after(line: str, end: int) -> str | None:
    rest = line[end:]
    m = re.match(
        r"\s*(?:,|in\b|of\b|-|–|:)?\s*(?:(?:science|arts|engineering|technology|philosophy|business "
        r"administration|fine arts|music|applied science)\s+(?:in|of)\s+)?(?:in\s+)?([A-Z][^,—–|(\n]{2,60})",
        rest,
        re.IGNORECASE,
    )
    if not m or not m.group(1)[:1].isupper():
        return None
    field = re.split(
        r"\s+(?:from|at)\s+|\s{2,}|\s+-\s+|\s*\|\s*|\s+c?gpa\b", m.group(1), flags=re.IGNORECASE
    )[0]
    field = re.sub(r"\s+(?:19|20)\d\d.*$", "", field.strip(" .;"))
    field = re.sub(rf"\s+(?:{_MONTH_NAMES})\.?$", "", field, flags=re.IGNORECASE)  # "Computer Science Mar"
    if re.fullmatch(r"(?:science|arts|engineering|technology|philosophy)", field, re.IGNORECASE):
        return None  # "Bachelor of Science" names no field
    return field or None


_MONTH_NAMES = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)


def find_education(text: str, sections: tuple[Section, ...], today: date) -> Education:
    """The highest degree completed by `today` and the degree being studied for, if any."""
    spans = [(s.start, s.end) for s in sections if s.name in ("education", "mixed")]
    whole_text = not any(s.name == "education" for s in sections)
    if whole_text:
        # No Education heading was recognised: degrees are read from lines that start with one.
        spans += [(s.start, s.end) for s in sections if s.name in ("header", "summary", "certifications")]
        spans = spans or [(0, len(text))]
    highest = "none"
    fields: list[str] = []
    in_progress: str | None = None
    seen: set[int] = set()
    scan = [(b, e, False) for b, e in spans] + ([(0, len(text), True)] if whole_text else [])
    for begin, end, line_start_only in scan:
        lines = text[begin:end].split("\n")
        offset = begin
        for i, line in enumerate(lines):
            here, offset = offset, offset + len(line) + 1
            if here in seen:
                continue
            found = _degree_in(line)
            if found is None:
                continue
            level, match = found
            if line_start_only and line[: match.start()].strip(" •·-–*"):
                continue
            seen.add(here)
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if _NOT_DEGREE.search(line[: match.start()]) or _NOT_COMPLETED.search(f"{line} {following[:80]}"):
                continue
            if _is_in_progress(line, _dates_of_degree(lines, i), today):
                if in_progress is None or RANK[level] > RANK[in_progress]:
                    in_progress = level
                continue
            field = _field_after(line, match.end())
            if field and field not in fields:
                fields.append(field)
            if RANK[level] > RANK[highest]:
                highest = level
    if in_progress is not None and RANK[in_progress] <= RANK[highest]:
        in_progress = in_progress if RANK[in_progress] > RANK[highest] else None
    return Education(highest, tuple(fields), in_progress)


_HAS_DATE = re.compile(r"\b(?:19|20)\d\d\b|\b(?:present|current|expected|pursuing)\b", re.IGNORECASE)


def _dates_of_degree(lines: list[str], i: int) -> str:
    """The line holding a degree's dates: its own, else the school line above it ("Syracuse University
    Aug 2024 - May 2026" over "Master of Science"), else the line below."""
    if _HAS_DATE.search(lines[i]):
        return ""
    previous = lines[i - 1] if i > 0 else ""
    if previous and _HAS_DATE.search(previous) and _degree_in(previous) is None:
        return previous
    return "\n".join(lines[i + 1 : i + 3])


def _is_in_progress(line: str, after: str, today: date) -> bool:
    """Degree line (or the line with its dates) says it is not finished, or its dates end after today;
    a bare year ending this year counts as done."""
    if _IN_PROGRESS.search(line):
        return True
    nearby = f"{line}\n{after.split(chr(10))[0] if after else ''}"
    ranges = find_ranges(nearby, today)
    if ranges:
        last = ranges[0]
        if last.end is None:
            return True
        if last.year_only:
            return last.end.year > today.year
        return last.end > today
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", nearby)]
    if years and max(years) > today.year:
        return True
    return bool(_IN_PROGRESS.search(after[:80])) and not years


def study_periods(text: str, sections: tuple[Section, ...], as_of: date) -> list[tuple[date, date]]:
    """When the candidate studied for a bachelor's degree (completed or not), from its dated line."""
    periods: list[tuple[date, date]] = []
    for section in sections:
        if section.name not in ("education", "mixed"):
            continue
        lines = text[section.start : section.end].split("\n")
        for i, line in enumerate(lines):
            found = _degree_in(line)
            if found is None or found[0] != "bachelor" or _NOT_DEGREE.search(line[: found[1].start()]):
                continue
            ranges = find_ranges("\n".join(lines[i : i + 3]), as_of)
            if ranges and ranges[0].end != ranges[0].start:
                rng = ranges[0]
                periods.append((rng.start, min(rng.end or as_of, as_of)))
    return periods
