"""Facts from resume text: sections, contact, dated roles, years, education. Pure: no I/O.

parse_resume(text, today=date(2026, 11, 30)) -> ParsedResume
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date

from worker.resume.asof import resume_date, stated_years
from worker.resume.checks import work_history_warnings
from worker.resume.contact import find_contact
from worker.resume.dates import find_ranges
from worker.resume.education import find_education, study_periods
from worker.resume.experience import SENIORITY_ORDER, find_positions, people_managed_in, total_years
from worker.resume.model import Contact, Education, ParsedResume, ParseTimeout, Position, Section
from worker.resume.sections import find_sections

__all__ = ["Contact", "Education", "ParseTimeout", "ParsedResume", "Position", "Section", "parse_resume"]


def parse_resume(
    text: str,
    *,
    today: date | None = None,
    as_of: date | None = None,
    stamps: Sequence[tuple[str, date]] | None = None,
    deadline: float | None = None,
) -> ParsedResume:
    """Parse resume text as of the resume's own date.

    `as_of` (given by a user) is that date; else it comes from the file's `stamps` and the dates in
    the text (worker.resume.asof); with neither (a bare text, `stamps=None`), `today` stands in for
    "Present". `today` (default: date.today()) is also the latest date any of them may be.
    Past `deadline` (a time.monotonic() value) it raises ParseTimeout; every step is linear in the
    text's length, so only a pathological text gets there.
    """
    clock = today or date.today()
    sections = find_sections(text)
    dated = find_ranges(text, clock)  # once for the whole text: the date, then every section's roles
    claimed = stated_years(text)  # "8+ years of experience", if the resume says so
    when = resume_date(text, dated, sections, stamps, clock, as_of, claimed)
    today = when.date
    header = next((text[s.start : s.end] for s in sections if s.name == "header"), "")
    contact = find_contact(text, header)
    positions = find_positions(text, sections, today, deadline, dated)
    if deadline is not None and time.monotonic() > deadline:
        raise ParseTimeout("resume parsing ran out of its time budget")
    work = [p for p in positions if p.kind == "full_time"]
    titles = tuple(dict.fromkeys(p.title for p in positions if p.kind not in ("education", "career_break")))
    latest = max(work, key=lambda p: (p.end or today, p.start), default=None)
    seniority = latest.seniority if latest else None  # of the latest full-time role
    summary_text = " ".join(text[s.start : s.end] for s in sections if s.name in ("summary", "header"))
    managed = max(
        [p.people_managed for p in positions if p.kind == "full_time"] + [people_managed_in(summary_text)],
        default=0,
    )
    years = total_years(positions, today, study=study_periods(text, sections, today))
    return ParsedResume(
        sections=sections,
        contact=contact,
        positions=positions,
        years_experience=years,
        research_years=total_years(positions, today, kinds=("research",)),
        education=find_education(text, sections, today),
        titles=titles,
        seniority=seniority,
        people_managed=managed,
        as_of=today,
        as_of_source=when.source,
        stated_years=claimed,
        warnings=work_history_warnings(text, sections, positions, years, claimed),
    )


def seniority_rank(word: str | None) -> int:
    """Position of a seniority word on the ladder of words (0 when none)."""
    return SENIORITY_ORDER.index(word) + 1 if word in SENIORITY_ORDER else 0
