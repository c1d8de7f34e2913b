"""The report clients see (`rolefit.report/1`): its typed shape and the one function that builds it.

Pure code: the worker's pipeline hands over what it extracted, parsed, tagged and scored, and
`build_report` arranges it; the store, the pages, the CLI and the shortlist read the same
`Report`. The parts that other modules already turn into dicts (skills, fits, placement) keep
their `to_dict`; the types here name the keys those dicts carry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import PurePath
from typing import Any, NotRequired, Protocol, TypedDict, cast

SCHEMA = "rolefit.report/1"


class FileInfo(TypedDict):
    name: str
    type: str
    pages: int
    sha256: str


class Candidate(TypedDict):
    name: str | None
    email: str | None
    phone: str | None
    links: list[str]
    years_experience: float
    highest_degree: str
    degree_in_progress: str | None
    fields_of_study: list[str]
    titles: list[str]
    seniority: str | None
    people_managed: int
    as_of: str | None  # ISO date "Present" means in this resume
    as_of_source: str
    research_years: float


class Skill(TypedDict):
    """A skill or competency with its evidence (`taxonomy.tagger.SkillMatch.to_dict`)."""

    id: str
    name: str
    category: str
    parent: str | None
    kind: str  # "skill" | "competency"
    mentions: int
    sections: list[str]
    evidence: list[str]
    offsets: list[list[int]]


class Fit(TypedDict):
    """The fit to one role (`models.scoring.Fit.to_dict`)."""

    role: str
    title: str
    level: int
    score: float
    components: dict[str, float]
    matched: list[str]
    missing: list[str]
    missing_required: list[str]
    explanation: str
    breakdown: dict[str, Any]


class NextLevel(TypedDict):
    level: int | None  # None at the top of the ladder
    gaps: list[str]


class Placement(TypedDict):
    """What placed the candidate on the ladder (`models.ladder.Placement.to_dict`)."""

    level: int
    words: str
    evidence: list[str]
    best_fit: str | None
    best_fit_note: str


class ReportWarning(TypedDict):
    code: str
    message: str


class Report(TypedDict):
    schema: str
    file: FileInfo
    taxonomy_version: str
    candidate: Candidate
    skills: list[Skill]
    # Reports stored before competencies and placement were added lack them: read them with .get.
    competencies: NotRequired[list[Skill]]
    ladder_level: int
    placement: NotRequired[Placement]
    fits: list[Fit]
    best_fit: str | None
    next_level: NextLevel
    warnings: list[ReportWarning]


class _Contact(Protocol):
    name: str | None
    email: str | None
    phone: str | None
    links: Sequence[str]


class _Education(Protocol):
    highest_degree: str
    in_progress: str | None
    fields: Sequence[str]


class ParsedFacts(Protocol):
    """What the report takes from a parsed resume (`worker.resume.ParsedResume` is one)."""

    contact: _Contact
    years_experience: float
    education: _Education
    titles: Sequence[str]
    seniority: str | None
    people_managed: int
    as_of: date | None
    as_of_source: str
    research_years: float


class _ToDict(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


class Placed(Protocol):
    """What the report takes from the ladder placement (`models.ladder.Placement` is one)."""

    level: int
    best_fit: str | None
    next_level: dict[str, Any]

    def to_dict(self) -> dict[str, Any]: ...


def file_info(data: bytes, filename: str, *, file_type: str, pages: int) -> FileInfo:
    """The `file` part: the base name only (never a client's path), the type read, pages, digest."""
    return {
        "name": PurePath(filename).name,
        "type": file_type,
        "pages": pages,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def candidate_of(parsed: ParsedFacts) -> Candidate:
    """The `candidate` part: contact details and the facts the parser read."""
    contact = parsed.contact
    return {
        "name": contact.name,
        "email": contact.email,
        "phone": contact.phone,
        "links": list(contact.links),
        "years_experience": round(parsed.years_experience, 1),
        "highest_degree": parsed.education.highest_degree,
        "degree_in_progress": parsed.education.in_progress,
        "fields_of_study": list(parsed.education.fields),
        "titles": list(parsed.titles),
        "seniority": parsed.seniority,
        "people_managed": parsed.people_managed,
        "as_of": parsed.as_of.isoformat() if parsed.as_of else None,
        "as_of_source": parsed.as_of_source,
        "research_years": round(parsed.research_years, 1),
    }


def build_report(
    *,
    file: FileInfo,
    taxonomy_version: str,
    parsed: ParsedFacts,
    skills: Sequence[_ToDict],
    competencies: Sequence[_ToDict],
    placed: Placed,
    fits: Sequence[_ToDict],
    warnings: Sequence[Mapping[str, Any]],
) -> Report:
    """The one place a `rolefit.report/1` report is put together (keys in the order clients see)."""
    return {
        "schema": SCHEMA,
        "file": file,
        "taxonomy_version": taxonomy_version,
        "candidate": candidate_of(parsed),
        "skills": [cast(Skill, s.to_dict()) for s in skills],
        "competencies": [cast(Skill, c.to_dict()) for c in competencies],
        "ladder_level": placed.level,
        "placement": cast(Placement, placed.to_dict()),
        "fits": [cast(Fit, f.to_dict()) for f in fits],
        "best_fit": placed.best_fit,
        "next_level": cast(NextLevel, placed.next_level),
        "warnings": [cast(ReportWarning, w) for w in warnings],
    }
