"""Where a candidate stands on the career ladder (1 entry .. 5 distinguished), why, and what is next.

The level comes from the candidate's relevant years, titles, scope and academic rank
(`models/seniority.py`), checked against the fits: between 2 and 5 years the skills decide between
early career (2) and Engineer II (3). Someone without the machine learning core (adjacent: backend,
data, platform engineers) keeps the level their seniority has up to mid (3), or senior (4) with lead
scope (lead titles, people led, broad leadership, an academic rank, or a senior title with nine
years); someone whose skills fit no role at all enters the ladder at 1 or 2.

The best fit is the highest score; scores within `TIE_POINTS` of it are a tie, broken by the role
nearest the placed level, so placement and best fit agree unless the skills clearly say otherwise
(the placement then says why). For an adjacent engineer, or anyone whose skills fit every role
weakly, it is the role nearest the placed level.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.components import degree_rank, leadership_scope
from models.features import CandidateFeatures
from models.roles import LEVEL_LEADERSHIP
from models.seniority import (
    LEAD_PEOPLE,
    LEAD_SIGNALS,
    MIDDLE,
    TITLE_LEVEL,
    academic_rank,
    level_words,
    read_level,
)
from models.vocab import DEGREES, LEVEL_YEARS

# Domain depth is read from the skills part of the fits, never from the scores (which also carry
# level and years): under NO_FIT no role fits at all; under ADJACENT the candidate lacks the ML core.
NO_FIT = 0.15  # skills component under this on every role -> best_fit None
ADJACENT = 0.3  # machine learning requirements met (ml_depth) under this on every role
SENIOR_TITLE_YEARS = 9.0  # a senior title held with this many technical years is senior scope
WEAK_SKILLS = 0.35  # skills component under this on every role: the level picks the best fit
ADJACENT_YEARS = 2.0  # technical years that place someone with no fitting skills at level 2 rather than 1
TIE_POINTS = 5.0
MAX_SKILL_GAPS = 5


@dataclass(frozen=True)
class Placement:
    """The ladder level, the evidence that placed it, the best fit and how the two relate."""

    level: int
    best_fit: str | None
    next_level: dict[str, Any]
    evidence: tuple[str, ...]
    best_fit_note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "words": level_words(self.level),
            "evidence": list(self.evidence),
            "best_fit": self.best_fit,
            "best_fit_note": self.best_fit_note,
        }


def _top(fits: Sequence[Any]) -> Any | None:
    return min(fits, key=lambda f: (-f.score, f.level, f.role)) if fits else None


def _senior_scope(features: CandidateFeatures) -> bool:
    title = TITLE_LEVEL.get(features.seniority or "", 0)
    rank = academic_rank(features.titles)
    return (
        (title >= 4 and features.seniority != "senior")
        or features.people_managed >= LEAD_PEOPLE
        or features.leadership_signals >= LEAD_SIGNALS
        or (rank is not None and rank[0] >= 4)
        or (title >= 4 and features.working_years >= SENIOR_TITLE_YEARS)
    )


def placement(features: CandidateFeatures, fits: Sequence[Any], *, as_of: date | None = None) -> Placement:
    """Ladder level with its evidence, best fit (None when nothing fits), next level and gaps.

    `as_of` is the resume's own date (years were counted up to it); it only enters the evidence.
    """
    reading = read_level(features)
    evidence = list(reading.evidence)
    if as_of is not None and evidence:
        evidence[0] = evidence[0].replace(
            "as of the resume's date", f"as of {as_of:%Y-%m}, the resume's date"
        )
    level = reading.level
    depth = max((f.components.get("skills", 0.0) for f in fits), default=0.0)
    ml = max((f.components.get("ml_depth", f.components.get("skills", 0.0)) for f in fits), default=0.0)
    if level == MIDDLE:
        pick = _top([f for f in fits if f.level in (2, 3)])
        level = float(pick.level) if pick is not None else 2.0
        evidence.append(
            f"between early career and Engineer II, the skills fit {pick.title if pick else 'neither'} best"
        )
    if depth < NO_FIT:
        capped = min(level, 2.0 if features.working_years >= ADJACENT_YEARS else 1.0)
        if capped < level:
            evidence.append("no role's skills fit: enters the machine learning ladder")
        level = capped
    elif ml < ADJACENT:
        cap = 4.0 if _senior_scope(features) else 3.0
        if level > cap:
            evidence.append(
                "adjacent engineer (few machine learning requirements met): seniority counts up to "
                + level_words(cap)
            )
            level = cap
    ladder = int(level)
    top = _top(fits)
    best = None
    note = ""
    if top is not None and depth >= NO_FIT and (ml < ADJACENT or depth < WEAK_SKILLS):
        # No role really fits on skills: the differences between roles are noise, the level is not.
        best = min(fits, key=lambda f: (abs(f.level - ladder), -f.score, f.level, f.role))
        note = (
            "Few of any role's requirements met: the best fit is the role nearest the placed level, "
            "and every score stays low."
        )
    elif top is not None and depth >= NO_FIT:
        close = [f for f in fits if top.score - f.score <= TIE_POINTS]
        best = min(close, key=lambda f: (abs(f.level - ladder), -f.score, f.level, f.role))
        if best is not top:
            note = (
                f"{best.title} ({best.score:g}) is within {TIE_POINTS:g} points of the top score "
                f"({top.title}, {top.score:g}) and at the placed level, so it is the best fit."
            )
        elif abs(best.level - ladder) > 1:
            note = (
                f"Placed at level {ladder} by years and scope, but the skills fit {best.title} "
                f"(level {best.level}) clearly best."
            )
        elif best.level != ladder:
            note = f"Best fit one level {'above' if best.level > ladder else 'below'} the placement."
    elif top is not None:
        note = "No role fits: too few of any role's skills."
    return Placement(
        ladder,
        best.role if best else None,
        next_level(features, fits, ladder, nothing_fits=best is None),
        tuple(evidence),
        note,
    )


def place_on_ladder(features: CandidateFeatures, fits: Sequence[Any]) -> tuple[int, str | None, dict]:
    """(ladder_level 1-5, best-fit role id or None when nothing fits, next_level {level, gaps})."""
    placed = placement(features, fits)
    return placed.level, placed.best_fit, placed.next_level


_LEADERSHIP_GAP = {
    2: "Own a model or pipeline end to end in production.",
    3: "Lead a small project and mentor a junior engineer; review others' model code.",
    4: "Technical leadership of a team's systems: design reviews, mentoring, owning the architecture.",
    5: "Organisation-wide technical direction: architecture and strategy across teams, and impact "
    "beyond the company (talks, papers, patents, open source).",
}


def next_level(
    features: CandidateFeatures, fits: Sequence, ladder: int, *, nothing_fits: bool = False
) -> dict:
    """The next level up and the gaps to close: skills, years, leadership, education."""
    if ladder >= 5:
        return {"level": None, "gaps": []}
    target = ladder + 1
    gaps: list[str] = []
    if nothing_fits:
        gaps.append(
            "Core machine learning engineering skills: Python, machine learning, model training "
            "and deployment, shown in real work or projects."
        )
    above = sorted((f for f in fits if f.level == target), key=lambda f: (-f.score, f.role)) or sorted(
        (f for f in fits if f.level > target), key=lambda f: (f.level, -f.score, f.role)
    )
    if above:
        wanted = getattr(above[0], "missing_required", ()) or above[0].missing
        missing = list(wanted[:MAX_SKILL_GAPS])
        if missing:
            gaps.append(f"Skills for {above[0].title} (level {above[0].level}): " + ", ".join(missing) + ".")
    start = LEVEL_YEARS[target][0]
    if features.working_years < start:
        more = start - features.working_years
        gaps.append(
            f"About {more:.1f} more years of relevant experience (level {target} usually "
            f"starts at {start:g})."
        )
    if leadership_scope(features) < LEVEL_LEADERSHIP[target]:
        gaps.append(_LEADERSHIP_GAP[target])
    if target == 5 and degree_rank(features) < DEGREES.index("master"):
        gaps.append("A master's degree or PhD is typical at this level (equivalent research output counts).")
    return {"level": target, "gaps": gaps}
