"""The facts parse_resume returns (immutable, plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


class ParseTimeout(Exception):
    """Parsing ran past its time budget (a hostile or pathological text)."""


@dataclass(frozen=True)
class Section:
    """A titled part of the resume: `text[start:end]` (the heading line included)."""

    name: str  # its kind: one of models.vocab.SECTION_KINDS
    start: int
    end: int


@dataclass(frozen=True)
class Contact:
    name: str | None
    email: str | None
    phone: str | None
    links: tuple[str, ...]


@dataclass(frozen=True)
class Position:
    """A dated role. `end` is the last day of the last month, None while current."""

    title: str
    org: str | None
    start: date
    end: date | None
    current: bool
    kind: str  # "full_time" | "internship" | "part_time" | "volunteer" | "education"
    seniority: str | None
    people_managed: int


@dataclass(frozen=True)
class Education:
    highest_degree: str  # "none" | "bachelor" | "master" | "phd" (completed degrees only)
    fields: tuple[str, ...]
    in_progress: str | None  # the degree being studied for, if any


@dataclass(frozen=True)
class ParsedResume:
    sections: tuple[Section, ...]
    contact: Contact
    positions: tuple[Position, ...]
    years_experience: float
    education: Education
    titles: tuple[str, ...]
    seniority: str | None
    people_managed: int
    as_of: date | None = None  # what "Present" means in this resume
    as_of_source: str = "today"  # "given" | a file stamp's name | "text" | "today"
    research_years: float = 0.0  # PhD / graduate research and fellowships, not counted as work
    stated_years: float | None = None  # the most years the resume claims in words
    warnings: tuple[dict, ...] = ()  # e.g. work_history_unread

    def section_spans(self) -> list[tuple[str, int, int]]:
        """(kind, start, end) character spans, the shape the skills tagger and the scorer take."""
        return [(s.name, s.start, s.end) for s in self.sections]
