"""The scorer's inputs: what a resume shows about skills, experience, education and scope.

Nothing personal is in here on purpose: no name, pronouns, age, address, nationality, photo or
marital status. Whatever the scorer cannot see, it cannot weigh.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.periods import covered_years
from models.text import fold_case


@dataclass(frozen=True)
class SkillEvidence:
    """One canonical skill the tagger found, and where (section kinds, models.vocab.SECTION_KINDS)."""

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
    # The years the resume states in words ("10+ years of experience"), kept only when its dated
    # roles could not be read (the parser's work_history_unread warning); then they stand in.
    stated_years: float | None = None

    @property
    def dated_years(self) -> float:
        """Years from the dated roles: technical positions, else all work."""
        return self.years_experience if self.relevant_years is None else self.relevant_years

    @property
    def working_years(self) -> float:
        """Years that count towards an ML engineering ladder (stated years when the dated roles were unread)."""
        dated = self.dated_years
        return max(dated, self.stated_years) if self.stated_years is not None else dated


# One pattern per kind of leadership or scope; a resume earns at most one point per kind, so
# repeating "led" fifty times counts once.
_LEADERSHIP_PATTERNS: dict[str, str] = {
    "led": r"\b(?:led|lead(?:s|ing)?)\b(?!\s+(?:time|poisoning)\b)",
    "mentoring": r"\bmentor(?:s|ed|ing|ship)?\b|\bcoach(?:ed|ing)?\s+engineers\b",
    "managing_people": (
        r"\bmanag(?:e|es|ed|ing)\s+(?:a\s+)?(?:team|group|engineers|\d+)\b"
        r"|\bdirect reports?\b"
    ),
    "hiring": r"\bhir(?:ed|ing)\b|\binterview(?:er|ed|ing)\b|hiring[- ]committee",
    "architecture": r"\barchitect(?:ure|ural|ed)?\b|\bdesign reviews?\b",
    "strategy": r"\bstrateg(?:y|ic)\b|\broadmap\b|\btechnical direction\b|\bvision\b",
    "org_scope": (
        r"\b(?:org|organi[sz]ation|company|enterprise)[- ]wide\b"
        r"|\bacross (?:\w+ )?(?:teams|the company|the org)"
    ),
    "ownership": r"\bown(?:ed|s)?\s+the\b|\bdr(?:o|i)ve(?:s|n)?\b|\bspearhead(?:ed)?\b",
    "standards": r"\bstandards?\b|\bbest practices\b|\bcode reviews?\b|\breview(?:ed)?\s+(?:most|all)\b",
    "tech_lead": r"\btech(?:nical)? lead(?:er|ership)?\b",
    "sponsorship": r"\b(?:executive\s+)?sponsor(?:ed|s)?\b|\bchair(?:ed|s)?\b|\bsteering\b",
    "publishing": r"\bpublications?\b|\bpatents?\b|\bkeynote\b|\binvited talk\b|\bprogram committee\b",
    "cross_functional": r"\bcross[- ]functional\b|\bstakeholders?\b|\bpartnered with\b",
    "teaching": r"\btaught\b|\bonboarding course\b|\bguest lecturer\b|\breading group\b",
}
_LEADERSHIP_RES = {kind: re.compile(p) for kind, p in _LEADERSHIP_PATTERNS.items()}  # on fold_case(text)
# Every match of a kind's pattern holds one of these (lower case): a text without them skips the search.
_LEADERSHIP_NEEDS: dict[str, tuple[str, ...]] = {
    "led": ("led", "lead"),
    "mentoring": ("mentor", "coach"),
    "managing_people": ("manag", "direct report"),
    "hiring": ("hir", "interview"),
    "architecture": ("architect", "design review"),
    "strategy": ("strateg", "roadmap", "technical direction", "vision"),
    "org_scope": ("wide", "across "),
    "ownership": ("own", "drove", "drive", "spearhead"),
    "standards": ("standard", "best practices", "review"),
    "tech_lead": ("tech lead", "technical lead"),
    "sponsorship": ("sponsor", "chair", "steering"),
    "publishing": ("publication", "patent", "keynote", "invited talk", "program committee"),
    "cross_functional": ("functional", "stakeholder", "partnered with"),
    "teaching": ("taught", "onboarding course", "guest lecturer", "reading group"),
}

# Kinds of section (models.vocab.SECTION_KINDS) where a leadership phrase is a claim about the
# candidate's work (not e.g. "education"): the parser files "Profile" and "About" under summary,
# "Talks" and "Patents" under publications, "Service" and "Community" under leadership.
SCOPE_SECTIONS = frozenset({"experience", "summary", "leadership", "publications", "projects"})


# Tagged competencies (or leadership "skills" of an older taxonomy) and the kind each shows.
_COMPETENCY_KINDS = (
    ("mentor", "mentoring"),
    ("coaching", "mentoring"),
    ("technical-leadership", "tech_lead"),
    ("tech-lead", "tech_lead"),
    ("team-leadership", "led"),
    ("people-management", "managing_people"),
    ("project-management", "ownership"),
    ("program-management", "ownership"),
    ("budgeting", "ownership"),
    ("okrs", "strategy"),
    ("change-management", "strategy"),
    ("stakeholder", "cross_functional"),
    ("cross-functional", "cross_functional"),
    ("hiring", "hiring"),
    ("strateg", "strategy"),
    ("architect", "architecture"),
    ("code-review", "standards"),
)


def leadership_kinds(
    text: str, sections: Sequence[tuple[str, int, int]] = (), competencies: Sequence[Any] = ()
) -> set[str]:
    """The distinct kinds of leadership or scope shown: phrases in the text, and tagged competencies.

    With `sections` ((kind, start, end) spans), only text in experience-like sections counts;
    without them the whole text does. A competency (an object or dict with `id` and `sections`)
    counts when found in such a section, or when no sections are known.
    """
    spans = [(s, e) for kind, s, e in sections if kind in SCOPE_SECTIONS]
    body = "\n".join(text[s:e] for s, e in spans) if spans else text
    folded = fold_case(body)
    kinds = {
        kind
        for kind, rx in _LEADERSHIP_RES.items()
        if any(word in folded for word in _LEADERSHIP_NEEDS[kind]) and rx.search(folded)
    }
    for item in competencies:
        cid = str(item.get("id", "") if isinstance(item, dict) else getattr(item, "id", ""))
        where = item.get("sections", ()) if isinstance(item, dict) else getattr(item, "sections", ())
        if where and not any(w in SCOPE_SECTIONS for w in where):
            continue
        kinds.update(kind for key, kind in _COMPETENCY_KINDS if key in cid)
    return kinds


def leadership_signals(
    text: str, sections: Sequence[tuple[str, int, int]] = (), competencies: Sequence[Any] = ()
) -> int:
    """How many distinct kinds of leadership or scope are shown (0..len(patterns)); each kind counts once."""
    return len(leadership_kinds(text, sections, competencies))


_TECHNICAL_TITLE = re.compile(
    r"\b(?:engineer(?:ing)?|developer|programmer|scientist|architect|research(?:er)?|data|"
    r"machine learning|ml|ai|mlops|devops|sre|software|platform|analytics|statistician|"
    r"quant(?:itative)?|computer vision|nlp|cto|technolog(?:y|ist)|technical staff|"
    r"professor|lecturer|post-?doc(?:toral)?|research fellow|technical (?:lead|leader|manager|consultant)|"
    r"business intelligence|bi (?:analyst|developer))\b",
    re.IGNORECASE,
)
_NON_TECHNICAL_TITLE = re.compile(
    r"\b(?:intern(?:ship)?|trainee|teaching assistant|student)\b", re.IGNORECASE
)


def is_technical_title(title: str) -> bool:
    """Does a job title belong to engineering, data or research work (not an internship)?"""
    return bool(_TECHNICAL_TITLE.search(title)) and not _NON_TECHNICAL_TITLE.search(title)


def _interval(position: Any, today: date) -> tuple[date, date] | None:
    """A position's (start, last day), an open or later end taken as `today` (the as-of date)."""
    start, end = getattr(position, "start", None), getattr(position, "end", None) or today
    if isinstance(start, date) and isinstance(end, date):
        return start, min(end, today)
    return None


def relevant_years_of(positions: Sequence[Any], years_experience: float, today: date) -> float | None:
    """Years in full-time technical positions (by title), never more than the parser's total.

    A teacher who became a junior ML engineer last year has one relevant year, not nine. Positions
    need `title`, `start`, `end` (None while current) and `kind` ("full_time" counts); None without any.
    """
    work = [p for p in positions if getattr(p, "kind", "full_time") == "full_time"]
    if not work:
        return None
    intervals = [
        iv
        for p in work
        if is_technical_title(str(getattr(p, "title", "") or ""))
        if (iv := _interval(p, today)) is not None
    ]
    return round(min(years_experience, covered_years(intervals)), 2)


LEADERSHIP_CATEGORIES = frozenset({"leadership", "competency", "soft_skill", "soft_skills", "communication"})


def features_from(
    parsed: Any,
    skills: Sequence[Any],
    text: str,
    *,
    today: date | None = None,
    competencies: Sequence[Any] = (),
    stated_years: float | None = None,
) -> CandidateFeatures:
    """CandidateFeatures from a parsed resume and tagged skills (duck-typed: models imports no worker code).

    Takes only what may enter a score; contact details and everything personal stay behind.
    Leadership evidence comes from the text, from `competencies` (the report's list, once the
    tagger keeps soft skills and leadership apart) and from leadership entries still among `skills`;
    those never count as skills. `stated_years` (what the resume says in words) is kept only when
    the parser warns that the dated work history may be read wrong.
    """
    lead_skills = [s for s in skills if (getattr(s, "category", "") or "") in LEADERSHIP_CATEGORIES]
    skills = [s for s in skills if (getattr(s, "category", "") or "") not in LEADERSHIP_CATEGORIES]
    spans = (
        parsed.section_spans()
        if hasattr(parsed, "section_spans")
        else [(s.name, s.start, s.end) for s in getattr(parsed, "sections", ())]
    )
    years = float(parsed.years_experience)
    return CandidateFeatures(
        skills=tuple(
            SkillEvidence(
                id=s.id,
                category=s.category or "",
                parent=s.parent,
                mentions=s.mentions,
                sections=tuple(s.sections),
            )
            for s in skills
        ),
        years_experience=years,
        highest_degree=parsed.education.highest_degree,
        degree_in_progress=parsed.education.in_progress,
        titles=tuple(parsed.titles),
        seniority=parsed.seniority,
        people_managed=int(parsed.people_managed or 0),
        leadership_signals=leadership_signals(text, spans, [*competencies, *lead_skills]),
        relevant_years=relevant_years_of(getattr(parsed, "positions", ()), years, today or date.today()),
        stated_years=stated_years if _history_unread(parsed) else None,
    )


def _history_unread(parsed: Any) -> bool:
    """Did the parser warn that the dated work history may be read wrong?"""
    return any(
        (w.get("code") if isinstance(w, dict) else getattr(w, "code", None)) == "work_history_unread"
        for w in getattr(parsed, "warnings", ()) or ()
    )
