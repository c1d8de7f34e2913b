"""Dated roles, their kind and seniority, people managed, and total professional years."""

from __future__ import annotations

import bisect
import re
import time
from dataclasses import replace
from datetime import date, timedelta

from models.periods import covered_years
from models.text import NUMBER_WORDS, fold_case
from models.vocab import LIST_MARKS
from worker.resume.dates import DateRange, find_ranges
from worker.resume.model import ParseTimeout, Position, Section

# Sections whose dated entries are roles; "leadership" holds volunteering and community roles.
ROLE_SECTIONS = {"experience": None, "leadership": "volunteer", "mixed": None}
NOT_ROLE_SECTIONS = {
    "education",
    "projects",
    "publications",
    "certifications",
    "awards",
    "skills",
    "languages",
    "interests",
    "summary",
}

SENIORITY_ORDER = [
    "junior",
    "senior",
    "lead",
    "manager",
    "staff",
    "head",
    "director",
    "principal",
    "distinguished",
]
_SENIORITY = [
    ("distinguished", r"distinguished|fellow"),
    ("principal", r"principal"),
    ("director", r"director|vice president|vp|svp|evp|cto|cdo|chief \w+ officer"),
    ("head", r"head of|head|chief"),
    ("staff", r"staff"),
    ("manager", r"manager|managing"),
    ("lead", r"lead|tech lead|team lead|leader"),
    ("senior", r"senior|sr\.?"),
    ("junior", r"junior|jr\.?|entry[- ]level|associate|graduate|trainee|apprentice"),
]
_INTERN = re.compile(
    r"\b(intern|internship|co-?op|werkstudent|summer analyst|summer associate)\b", re.IGNORECASE
)
_PART_TIME = re.compile(
    r"\b(part[- ]time|\d+\s*h(?:ours|rs)?\s*/\s*w(?:ee)?k|per week|student worker|"
    r"teaching assistant|research assistant|graduate assistant|tutor|ta\b|"
    r"freelance on the side|seasonal|weekends?)\b",
    re.IGNORECASE,
)
_VOLUNTEER = re.compile(
    r"\b(volunteer|volunteering|unpaid|pro bono|co-?organi[sz]er|organi[sz]er|"
    r"member(?! of (the )?technical staff)|board member)\b",
    re.IGNORECASE,
)
_STUDY = re.compile(
    r"\b(student|ph\.?d\.? (candidate|researcher|fellow)|doctoral (candidate|researcher|"
    r"student)|graduate (student )?researcher|undergraduate|bootcamp|coursework|thesis)\b",
    re.IGNORECASE,
)
_JOB_WORD = re.compile(
    r"\b(engineer|developer|scientist|analyst|manager|director|lead|architect|consultant|"
    r"intern|teacher|chef|cook|baker|designer|specialist|coordinator|generalist|assistant|"
    r"associate|officer|administrator|researcher|head|founder|owner|president|vp|"
    r"programmer|technician|instructor|lecturer|professor|nurse|accountant|recruiter|"
    r"representative|advisor|strategist|writer|editor|contributor|volunteer|member|"
    r"organizer|co-organizer|tutor|fellow|principal|staff|cto|ceo|product owner|postdoc|internship|"
    r"contractor|co-op|driver|therapist|interviewer|clerk|cashier|agent|attorney|lawyer|physician|pharmacist|"
    r"mechanic|electrician|operator|supervisor|trainer|coach|musician|journalist|reporter|auditor|"
    r"economist|statistician|physicist|chemist|biologist|planner|trader|paralegal|receptionist|"
    r"post-?doctoral (?:fellow|researcher|scholar|studies|associate)|faculty)s?\b",
    re.IGNORECASE,
)
# "a team of one" manages nobody: counts of people start at two.
_NUMBER_WORDS = {word: n for word, n in NUMBER_WORDS.items() if n > 1}
_NUM = r"(\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PEOPLE = (
    r"(?:engineers?|people|persons|staff|reports|direct reports|developers|scientists|analysts|"
    r"researchers|designers|employees|members|cooks|chefs|bakers|ics|individual contributors|"
    r"data scientists|ml engineers|machine learning engineers|specialists|recruiters|teachers|fte)"
)
_MANAGE = (
    r"(?:manag\w*|led|lead\w*|supervis\w*|direct\w*|oversaw|oversee\w*|head\w*|built and led|"
    r"grew|hired and (?:managed|led)|run|ran|runs|mentor and manage)"
)
# Case-sensitive, in lower case: they run on fold_case(text), which reads as re.IGNORECASE would.
_PEOPLE_PATTERNS = [
    re.compile(
        rf"\b{_MANAGE}\b[^.;()]{{0,40}}?\b(?:team|group|org|organization|organisation|squad|department|"
        rf"staff)\s+of\s+(?:up to\s+|about\s+|over\s+|more than\s+)?{_NUM}\b",
    ),
    re.compile(
        rf"\b{_MANAGE}\s+(?:a\s+|an?\s+)?(?:team\s+of\s+)?(?:up to\s+|about\s+|over\s+)?{_NUM}"
        rf"[- ]?(?:\w+\s+){{0,2}}{_PEOPLE}\b",
    ),
    re.compile(
        rf"\b{_NUM}\s+(?:\w+\s+){{0,2}}{_PEOPLE}\s+(?:across|in|on|over)\s+(?:{_NUM}|several|multiple)"
        rf"\s+teams\b",
    ),
    re.compile(rf"\b{_NUM}\s+direct reports\b"),
    re.compile(
        rf"\b{_MANAGE}\b[^.;()]{{0,30}}?\b{_NUM}[- ](?:person|people|member|engineer)\s+(?:team|group)\b",
    ),
]


_SENIORITY_RES = [(name, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])")) for name, pattern in _SENIORITY]
_NOT_SENIORITY = re.compile(r"member of (the )?technical staff|staff (accountant|nurse|writer)")
_LEAD_VERB = re.compile(r"\blead(s|ing)?\s+(a|the|an)\b")


def seniority_of(title: str) -> str | None:
    """The highest seniority word in a job title."""
    lowered = _NOT_SENIORITY.sub("", title.lower())
    for name, pattern in _SENIORITY_RES:
        if pattern.search(lowered):
            if name == "lead" and _LEAD_VERB.search(lowered):
                continue  # "led a project": a verb, not a title
            return name
    return None


# Words each of _PEOPLE_PATTERNS needs (any one of them, lowered): a text without them skips the scan.
_PEOPLE_NEEDS = (("of",), (), ("teams",), ("direct reports",), ("team", "group"))


def people_managed_in(text: str) -> int:
    """Largest team size someone says they managed or led ("managed a team of 8", "led 12 engineers")."""
    best = 0
    lowered = text.lower()
    folded = fold_case(text)
    for pattern, needs in zip(_PEOPLE_PATTERNS, _PEOPLE_NEEDS, strict=True):
        if needs and not any(word in lowered for word in needs):
            continue
        for match in pattern.finditer(folded):
            for number in range(1, pattern.groups + 1):
                start, end = match.span(number)
                if start < 0:
                    continue
                group = text[start:end]  # as written (the match is in the fold)
                value = _NUMBER_WORDS.get(group.lower()) if not group.isdigit() else int(group)
                if value and value <= 5000:
                    best = max(best, value)
                break
    return best


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


_MONTH_WORD = r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_LEADER = re.compile(r"(?:\s*[.·_…]){4,}\s*")  # "Engineer – Acme . . . . . . ." (dot leaders)


_EMPTY_BRACKETS = re.compile(r"\(\s*\)")
_EDGE_PUNCTUATION = re.compile(r"^[\s|,–—:;•·-]+|[\s|,–—:;•·(-]+$")
_CLAUSE_BREAK = re.compile(r"\s-(?=\S)|[.;•]\s")
_MONTH_OR_NON_LETTER = re.compile(rf"{_MONTH_WORD}|[^A-Za-z]", re.IGNORECASE)
_STARTS_WITH_YEAR = re.compile(r"(?:19|20)\d\d\b")


def _strip_dates(line: str) -> str:
    line = _LEADER.sub(" ", line)
    line = _EMPTY_BRACKETS.sub("", line)
    return _EDGE_PUNCTUATION.sub("", line).strip()


def _is_bullet(line: str) -> bool:
    return line.lstrip()[:1] in LIST_MARKS


def _heading_lines(text: str, rng: DateRange, floor: int) -> list[str]:
    """The lines that name a role: the date's own line (without the date) and the lines above it."""
    start, end = _line_bounds(text, rng.pos)
    own = _strip_dates(text[start : rng.pos] + " " + text[rng.endpos : end])
    if len(own) > 160:  # a whole paragraph on one line: the role is named just before its dates
        own = _strip_dates(" ".join(_CLAUSE_BREAK.split(text[start : rng.pos])[-1].split()[-10:]))
    lines = [own] if own else []
    if own and _JOB_WORD.search(own) and not text[start : rng.pos].strip(" \t|•·-–—("):
        return lines  # "2015–2017 Postdoctoral Fellow, Lakeside University": the line names the role
    cursor = start - 1
    while cursor > floor and len(lines) < 3:
        prev_start = text.rfind("\n", floor, cursor) + 1
        prev_start = max(prev_start, floor)
        line = _LEADER.sub(" ", text[prev_start:cursor]).strip()
        cursor = prev_start - 1
        if not line:
            if lines:
                break
            continue
        if _is_bullet(line) or len(line) > 160:
            break
        lines.insert(0, line)
        if _JOB_WORD.search(line):
            break
    return lines


def _plausible_title(title: str) -> bool:
    """A role title is short, is not a sentence and is not a date."""
    if not title or len(title) > 120 or len(title.split()) > 14:
        return False
    if len(_MONTH_OR_NON_LETTER.sub("", title)) < 2:
        return False  # "Aug 2022": a date the OCR split from its range
    return not (title.endswith(".") and len(title.split()) > 4)


def _inside_bullet(text: str, rng: DateRange) -> bool:
    """A date inside an achievement bullet ("from 2015 to 2016 led…") is not a role's dates; a bullet
    that starts or ends with the dates and names a role ("• Data Scientist, Acme (2017 – 2019)") is."""
    start, end = _line_bounds(text, rng.pos)
    line = text[start:end]
    if not _is_bullet(line) or len(line.split()) <= 6:
        return False
    before = text[start : rng.pos].lstrip().lstrip(LIST_MARKS + " ").strip(" (")
    after = text[rng.endpos : end].strip(" )|:—–-,.")
    rest = f"{before} {after}".strip()
    at_edge = not before or not after or len(after) <= 2
    return not (at_edge and len(rest.split()) <= 16 and _JOB_WORD.search(rest) and not rest.endswith("."))


def _line_below(text: str, line_end: int) -> str | None:
    """The short, non-bullet line right under a date line, if any."""
    if line_end >= len(text):
        return None
    nxt_end = text.find("\n", line_end + 1)
    line = text[line_end + 1 : nxt_end if nxt_end >= 0 else len(text)].strip()
    if not line or _is_bullet(line) or len(line) > 100 or find_ranges(line, date.max):
        return None
    if _STARTS_WITH_YEAR.match(line):
        return None  # "2013 Visiting Fellow, …": an entry of its own, dated by its own year
    return line


_LABEL = re.compile(r"\b(?:designation|job title|title|role|position)\s*:\s*", re.IGNORECASE)
_TITLE_ORG_SEPARATOR = re.compile(r"\s+[—–|•·]\s+|\s+-\s+|\s+at\s+|\s+@\s+|\t")
_TEAM_NAME = re.compile(r"\s*(nlp|ml|ai|data|platform|search|[a-z]+ team)\s*", re.IGNORECASE)


def split_title_org(lines: list[str]) -> tuple[str, str | None]:
    """Title and organisation from the lines naming a role ("Title — Org, City" and similar)."""
    joined = " — ".join(ln for ln in lines if ln)
    joined = _LABEL.sub("", joined)
    parts = [p.strip(" .") for p in _TITLE_ORG_SEPARATOR.split(joined) if p.strip(" .")]
    if not parts:
        return "", None
    title_index = next((i for i, p in enumerate(parts) if _JOB_WORD.search(p)), 0)
    title = parts[title_index]
    others = [p for i, p in enumerate(parts) if i != title_index]
    if not others and "," in title and not _JOB_WORD.search(title.split(",", 1)[1]):
        # "Machine Learning Engineer, Quill Legal Technologies, Boston, MA"
        head, _, rest = title.partition(",")
        if not _TEAM_NAME.fullmatch(rest.split(",")[0]):
            title, others = head.strip(), [rest.strip()]
        else:
            bits = title.split(",")
            title, others = ",".join(bits[:2]).strip(), [",".join(bits[2:]).strip()] if len(bits) > 2 else []
    org = others[0] if others else None
    return title, org


_BREAK = re.compile(
    r"\b(career break|sabbatical|parental leave|maternity leave|gap year|break)\b", re.IGNORECASE
)
_RESEARCH = re.compile(
    r"\b(graduate (student )?research(er)?|graduate research assistant|ph\.?\s?d\.?|doctoral|predoctoral|"
    r"pre-doctoral|fellowship|research assistant|research scholar|summer research(er)?|"
    r"(?:undergraduate|graduate) researcher)\b",
    re.IGNORECASE,
)
_SCHOOLING = re.compile(
    r"\b(high school|secondary school|school|diploma|university|college|academy)\b", re.IGNORECASE
)
_POSTDOC = re.compile(r"\b(postdoc|post-?doctoral)", re.IGNORECASE)
_SENIOR_RESEARCH = re.compile(
    r"\b(scientist|engineer|director|professor|lecturer|staff|manager)\b", re.IGNORECASE
)
_VOLUNTEER_WORD = re.compile(r"\bvolunteer\b", re.IGNORECASE)
_STUDENT = re.compile(r"student", re.IGNORECASE)
_RESEARCHER = re.compile(r"researcher|candidate|fellow", re.IGNORECASE)
_COURSE = re.compile(r"\b(certificate|certification|bootcamp|course)\b", re.IGNORECASE)
_DEGREE_OR_SCHOOL = re.compile(
    r"\b(university|college|school|institute of|academy|bachelor|master|degree|diploma|b\.?\s?sc?\.?|"
    r"m\.?\s?sc?\.?|ph\.?\s?d|gpa|coursework|major|minor)\b",
    re.IGNORECASE,
)


def classify(title: str, context: str, section_kind: str | None) -> str:
    """full_time, internship, part_time, volunteer, research, career_break or education."""
    both = f"{title} {context}"
    if _BREAK.search(title):
        return "career_break"
    if _SCHOOLING.search(title) and not _JOB_WORD.search(title):
        return "education"  # "Mountain View High School — Diploma, 2012 – 2015"
    if _INTERN.search(title):
        return "internship"
    if _RESEARCH.search(title) and not _POSTDOC.search(title) and not _SENIOR_RESEARCH.search(title):
        return "research"  # PhD and graduate research years, fellowships: reported apart
    if _PART_TIME.search(both):
        return "part_time"
    if section_kind == "volunteer" or _VOLUNTEER.search(title) or _VOLUNTEER_WORD.search(context):
        return "volunteer"
    if _STUDY.search(title) and (not _JOB_WORD.search(_STUDENT.sub("", title)) or _RESEARCHER.search(title)):
        return "education"
    if _INTERN.search(context[:120]):
        return "internship"
    return "full_time"


MAX_RANGES_PER_SECTION = 80


def _in_span(ranges: list[DateRange], begin: int, end: int, today: date) -> list[DateRange]:
    """The ranges of the whole text that lie in text[begin:end], positions made relative to it."""
    lo = bisect.bisect_left([r.pos for r in ranges], begin)
    out = []
    for rng in ranges[lo:]:
        if rng.pos >= end:
            break
        if rng.endpos <= end and rng.start <= today:
            out.append(replace(rng, pos=rng.pos - begin, endpos=rng.endpos - begin))
    return out


def find_positions(
    text: str,
    sections: tuple[Section, ...],
    today: date,
    deadline: float | None = None,
    ranges: list[DateRange] | None = None,
) -> tuple[Position, ...]:
    """Dated roles from experience-like sections (all sections when none is titled); raise
    ParseTimeout once `deadline` (a time.monotonic() value) has passed. `ranges`, when given, are
    the whole text's (find_ranges), found once for every section."""
    spans = [(s.start, s.end, ROLE_SECTIONS.get(s.name)) for s in sections if s.name in ROLE_SECTIONS]
    if not spans:
        spans = [(s.start, s.end, None) for s in sections if s.name not in NOT_ROLE_SECTIONS]
    # Jobs listed under Education (a page break, a postdoc under "Higher Education"): job titles only.
    spans += [(s.start, s.end, "education_section") for s in sections if s.name == "education"]
    spans.sort()
    all_ranges = ranges
    positions: list[Position] = []
    for begin, end, section_kind in spans:
        body = text[begin:end]
        # A real section holds a few dozen dated entries; a wall of dates is not worth quadratic work.
        found = find_ranges(body, today) if all_ranges is None else _in_span(all_ranges, begin, end, today)
        ranges = [r for r in found if not _inside_bullet(body, r)][:MAX_RANGES_PER_SECTION]
        floor = 0
        heading_end = body.find("\n")
        for i, rng in enumerate(ranges):
            if deadline is not None and time.monotonic() > deadline:
                raise ParseTimeout("resume parsing ran out of its time budget")
            _, line_end = _line_bounds(body, rng.pos)
            lines = _heading_lines(body, rng, max(floor, max(0, heading_end)))
            below = _line_below(body, line_end)
            if below and not any(_JOB_WORD.search(ln) for ln in lines) and _JOB_WORD.search(below):
                lines = [below, *lines]  # "Acme Corp   2019 – 2021" then the title on the next line
            title, org = split_title_org(lines)
            if not _plausible_title(title):
                continue
            if section_kind == "education_section":
                role = title.split(",")[0]
                if (
                    not _JOB_WORD.search(role)
                    or _DEGREE_OR_SCHOOL.search(role)
                    or _STUDY.search(role)
                    or _COURSE.search(role)
                ):
                    continue
                section_kind_here = None
            else:
                section_kind_here = section_kind
            next_pos = ranges[i + 1].pos if i + 1 < len(ranges) else len(body)
            details = body[rng.endpos : next_pos]
            floor = line_end
            first_detail = details.strip().split("\n", 1)[0] if not _is_bullet(details.strip()) else ""
            kind = classify(title, " ".join(lines) + " " + first_detail[:200], section_kind_here)
            current = rng.end is None or rng.end >= today
            positions.append(
                Position(
                    title=title,
                    org=org,
                    start=rng.start,
                    end=None if rng.end is None else rng.end,
                    current=current,
                    kind=kind,
                    seniority=seniority_of(title),
                    people_managed=people_managed_in(" ".join(lines) + " " + details),
                )
            )
    if not positions and all_ranges:
        column = _date_column(text, all_ranges)
        for section in sections if column else ():
            if section.name == "experience":
                positions = _column_roles(text[section.start : section.end], column, today)
                if positions:
                    break
    return tuple(positions)


def _date_column(text: str, ranges: list[DateRange]) -> list[DateRange]:
    """Dates set in a column of their own ("02/2025–present" on one line, the next range on the next
    line...): a layout some PDF exports read as a block apart from the entries it dates."""
    best = (0, 0)  # (first index, length) of the longest run of lone ranges on consecutive lines
    first, length = 0, 0
    for i, rng in enumerate(ranges):
        start, end = _line_bounds(text, rng.pos)
        alone = text[start:end].strip() == rng.text.strip() and rng.end != rng.start
        if alone and length and text[ranges[i - 1].endpos : rng.pos].count("\n") == 1:
            length += 1
        elif alone:
            first, length = i, 1
        else:
            length = 0
        if length > best[1]:
            best = (first, length)
    return ranges[best[0] : best[0] + best[1]] if best[1] >= 2 else []


def _column_roles(body: str, column: list[DateRange], today: date) -> list[Position]:
    """The entries of a section without dates, paired in order with a column of dates found apart."""
    entries = [
        line.strip()
        for line in body.split("\n")[1:]
        if line.strip()
        and not _is_bullet(line)
        and len(line.split()) <= 12
        and _JOB_WORD.search(line)
        and not line.strip().endswith(".")
    ]
    if len(entries) != len(column):
        return []
    roles = []
    for line, rng in zip(entries, column, strict=True):
        title, org = split_title_org([line])
        if not _plausible_title(title):
            return []
        roles.append(
            Position(
                title=title,
                org=org,
                start=rng.start,
                end=rng.end,
                current=rng.end is None or rng.end >= today,
                kind=classify(title, line, None),
                seniority=seniority_of(title),
                people_managed=0,
            )
        )
    return roles


def _outside(start: date, end: date, periods: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The parts of [start, end] outside every period."""
    pieces = [(start, end)]
    for p_start, p_end in periods:
        nxt: list[tuple[date, date]] = []
        for a, b in pieces:
            if b < p_start or a > p_end:
                nxt.append((a, b))
                continue
            if a < p_start:
                nxt.append((a, p_start - timedelta(days=1)))
            if b > p_end:
                nxt.append((p_end + timedelta(days=1), b))
        pieces = nxt
    return pieces


def _student_job(start: date, end: date, study: list[tuple[date, date]]) -> bool:
    """A job that ended while its holder was studying for a first degree was a student's job."""
    margin = timedelta(days=90)
    return any(s_start + margin < end <= s_end + margin and start < s_end for s_start, s_end in study)


def total_years(
    positions: tuple[Position, ...],
    today: date,
    kinds: tuple[str, ...] = ("full_time",),
    study: list[tuple[date, date]] | None = None,
) -> float:
    """Years of the given kinds of role (full-time work by default), overlapping roles counted once;
    time inside `study` periods (an undergraduate degree) is a student's, not a professional's."""
    spans = [
        piece
        for p in positions
        if p.kind in kinds and not _student_job(p.start, min(p.end or today, today), study or [])
        for piece in _outside(p.start, min(p.end or today, today), study or [])
    ]
    return round(covered_years(spans), 1)
