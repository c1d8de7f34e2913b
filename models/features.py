"""The scorer's inputs: what a resume shows about skills, experience, education and scope.

Nothing personal is in here on purpose: no name, pronouns, age, address, nationality, photo or
marital status. Whatever the scorer cannot see, it cannot weigh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Sequence

DEGREES = ("none", "bachelor", "master", "phd")


@dataclass(frozen=True)
class SkillEvidence:
    """One canonical skill the tagger found, and where (section names) it was found."""

    id: str
    category: str
    parent: str | None
    mentions: int
    sections: tuple[str, ...]


@dataclass(frozen=True)
class CandidateFeatures:
    """Everything the scorer may use about a candidate."""

    skills: tuple[SkillEvidence, ...]
    years_experience: float
    highest_degree: str  # none|bachelor|master|phd
    degree_in_progress: str | None
    titles: tuple[str, ...]
    seniority: str | None  # highest seniority word in titles
    people_managed: int
    leadership_signals: int
    # Years in technical positions (engineering, data, science, research); None when unknown,
    # in which case `years_experience` stands in for it.
    relevant_years: float | None = None

    @property
    def working_years(self) -> float:
        """Years that count towards an ML engineering ladder."""
        return self.years_experience if self.relevant_years is None else self.relevant_years


# One pattern per kind of leadership or scope; a resume earns at most one point per kind, so
# repeating "led" fifty times counts once.
_LEADERSHIP_PATTERNS: dict[str, str] = {
    "led": r"\b(?:led|lead(?:s|ing)?)\b(?!\s+(?:time|poisoning)\b)",
    "mentoring": r"\bmentor(?:s|ed|ing|ship)?\b|\bcoach(?:ed|ing)?\s+engineers\b",
    "managing_people": r"\bmanag(?:e|es|ed|ing)\s+(?:a\s+)?(?:team|group|engineers|\d+)\b|\bdirect reports?\b",
    "hiring": r"\bhir(?:ed|ing)\b|\binterview(?:er|ed|ing)\b|hiring[- ]committee",
    "architecture": r"\barchitect(?:ure|ural|ed)?\b|\bdesign reviews?\b",
    "strategy": r"\bstrateg(?:y|ic)\b|\broadmap\b|\btechnical direction\b|\bvision\b",
    "org_scope": r"\b(?:org|organi[sz]ation|company|enterprise)[- ]wide\b|\bacross (?:\w+ )?(?:teams|the company|the org)",
    "ownership": r"\bown(?:ed|s)?\s+the\b|\bdr(?:o|i)ve(?:s|n)?\b|\bspearhead(?:ed)?\b",
    "standards": r"\bstandards?\b|\bbest practices\b|\bcode reviews?\b|\breview(?:ed)?\s+(?:most|all)\b",
    "tech_lead": r"\btech(?:nical)? lead(?:er|ership)?\b",
    "sponsorship": r"\b(?:executive\s+)?sponsor(?:ed|s)?\b|\bchair(?:ed|s)?\b|\bsteering\b",
    "publishing": r"\bpublications?\b|\bpatents?\b|\bkeynote\b|\binvited talk\b|\bprogram committee\b",
    "cross_functional": r"\bcross[- ]functional\b|\bstakeholders?\b|\bpartnered with\b",
    "teaching": r"\btaught\b|\bonboarding course\b|\bguest lecturer\b|\breading group\b",
}
_LEADERSHIP_RES = {kind: re.compile(p, re.IGNORECASE) for kind, p in _LEADERSHIP_PATTERNS.items()}

# Sections where a leadership phrase is a claim about the candidate's work (not e.g. "Education").
_SCOPE_SECTIONS = ("experience", "summary", "profile", "leadership", "talks", "publications",
                   "patents", "projects", "service", "community", "about")


def leadership_signals(text: str, sections: Sequence[tuple[str, int, int]] = ()) -> int:
    """How many distinct kinds of leadership or scope the text shows (0..len(patterns)).

    With `sections` ((name, start, end) spans), only text in experience-like sections counts;
    without them the whole text does. Each kind counts once, so repetition earns nothing.
    """
    spans = [(s, e) for name, s, e in sections if any(k in name.lower() for k in _SCOPE_SECTIONS)]
    body = "\n".join(text[s:e] for s, e in spans) if spans else text
    return sum(1 for rx in _LEADERSHIP_RES.values() if rx.search(body))


_TECHNICAL_TITLE = re.compile(
    r"\b(?:engineer(?:ing)?|developer|programmer|scientist|architect|research(?:er)?|data|"
    r"machine learning|ml|ai|mlops|devops|sre|software|platform|analytics|statistician|"
    r"quant(?:itative)?|computer vision|nlp|cto|technolog(?:y|ist))\b",
    re.IGNORECASE,
)
_NON_TECHNICAL_TITLE = re.compile(r"\b(?:intern(?:ship)?|trainee|teaching assistant|student)\b", re.IGNORECASE)


def is_technical_title(title: str) -> bool:
    """Does a job title belong to engineering, data or research work (not an internship)?"""
    return bool(_TECHNICAL_TITLE.search(title)) and not _NON_TECHNICAL_TITLE.search(title)


def relevant_years(positions: Sequence[tuple[str, float]]) -> float:
    """Years spent in technical positions, given (title, years) pairs; overlaps are the caller's job."""
    return round(sum(years for title, years in positions if years > 0 and is_technical_title(title)), 2)


def _position_years(position: Any) -> float:
    """A position's length in years, from whatever the parser gives (years, months, or start/end dates)."""
    for attr in ("years", "duration_years"):
        value = getattr(position, attr, None)
        if isinstance(value, (int, float)):
            return float(value)
    months = getattr(position, "months", None)
    if isinstance(months, (int, float)):
        return months / 12.0
    start, end = getattr(position, "start", None), getattr(position, "end", None)
    if isinstance(start, date) and isinstance(end, date):
        return max(0.0, (end - start).days / 365.25)
    return 0.0


_PART_TIME = re.compile(r"part[- ]time|\bh/week\b|hours? a week|volunteer", re.IGNORECASE)


def _counts_as_work(position: Any) -> bool:
    """A full-time, non-internship position (the parser's own flags win where it has them)."""
    for flag in ("internship", "is_internship", "part_time", "is_part_time", "excluded"):
        if getattr(position, flag, False):
            return False
    title = str(getattr(position, "title", "") or "")
    return not _PART_TIME.search(title)


def relevant_years_of(positions: Sequence[Any], years_experience: float) -> float | None:
    """Years in technical positions, never more than the parser's total; None without positions."""
    if not positions:
        return None
    pairs = [(str(getattr(p, "title", "") or ""), _position_years(p)) for p in positions if _counts_as_work(p)]
    return round(min(years_experience, relevant_years(pairs)), 2)


def features_from(parsed: Any, skills: Sequence[Any], text: str) -> CandidateFeatures:
    """CandidateFeatures from a parsed resume and tagged skills (duck-typed: models imports no worker code).

    Takes only what may enter a score; contact details and everything personal stay behind.
    """
    spans = parsed.section_spans() if hasattr(parsed, "section_spans") else [
        (s.name, s.start, s.end) for s in getattr(parsed, "sections", ())]
    years = float(parsed.years_experience)
    return CandidateFeatures(
        skills=tuple(SkillEvidence(id=s.id, category=s.category or "", parent=s.parent, mentions=s.mentions,
                                   sections=tuple(s.sections)) for s in skills),
        years_experience=years,
        highest_degree=parsed.education.highest_degree,
        degree_in_progress=parsed.education.in_progress,
        titles=tuple(parsed.titles),
        seniority=parsed.seniority,
        people_managed=int(parsed.people_managed or 0),
        leadership_signals=leadership_signals(text, spans),
        relevant_years=relevant_years_of(getattr(parsed, "positions", ()), years),
    )
