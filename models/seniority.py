"""The candidate's level on the ladder, the evidence that placed it, and its distance to a role's level.

1 entry, 2 early career, 3 mid (Engineer II), 4 senior/staff, 5 distinguished/principal. The level
comes from relevant years as of the resume's own date, then titles, scope and academic rank:

- under 1.5 years: 1; 1.5 to 2: 2; 2 to 5: 3 with emerging leadership (leading small projects,
  mentoring, reviewing code: the Engineer II document's words) or a senior title, otherwise 2.5
  (early career or Engineer II: the skills decide); 5 to 10: 4; 10 and more: 4, or 5 with a
  principal/director/distinguished title, strong leadership scope or a professor's rank;
- a lead title with people led (or broad leadership) makes a candidate with 2.5+ years senior (4);
- a principal/director title after 8 years, or a professor's rank after 8, makes it 5;
- a current "junior" title keeps it at 1 (2 from 2 years);
- ten years or more with a manager's title is director-level scope: 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.components import leadership_scope
from models.features import CandidateFeatures
from models.vocab import LEVEL_WORDS

TITLE_LEVEL = {
    "junior": 1,
    "senior": 4,
    "staff": 4,
    "lead": 4,
    "manager": 4,
    "head": 5,
    "director": 5,
    "principal": 5,
    "distinguished": 5,
}
MIDDLE = 2.5
EMERGING_SIGNALS = 3  # kinds of leadership phrase (led, mentored, reviewed...) that mark an Engineer II
LEAD_SIGNALS = 5  # kinds of leadership phrase that mark a lead without people counted
LEAD_PEOPLE = 3
STRONG_SCOPE = 0.75  # leadership scope that marks a distinguished candidate without the title

# Academic ranks, highest first: (level, pattern).
_ACADEMIC = (
    (
        5,
        "a professor (or senior lecturer, reader)",
        re.compile(
            r"\b(?:full |associate |named |chair(?:ed)? )?professor\b|\breader\b|\bsenior lecturer\b",
            re.IGNORECASE,
        ),
    ),
    (
        4,
        "an assistant professor or lecturer",
        re.compile(r"\bassistant professor\b|\blecturer\b", re.IGNORECASE),
    ),
    (3, "a postdoc", re.compile(r"\bpost-?doc(?:toral)?\b|\bresearch fellow\b", re.IGNORECASE)),
)


def level_words(level: float) -> str:
    return LEVEL_WORDS.get(level, f"level {level:g}")


def academic_rank(titles: tuple[str, ...]) -> tuple[int, str] | None:
    """(level, words) of the highest academic rank among the titles, or None."""
    best: tuple[int, str] | None = None
    for title in titles:
        for level, words, rx in _ACADEMIC:
            if rx.search(title) and not (
                level == 5 and re.search(r"assistant professor", title, re.IGNORECASE)
            ):
                if best is None or level > best[0]:
                    best = (level, words)
                break
    return best


@dataclass(frozen=True)
class LevelReading:
    """The level the evidence suggests, and the evidence in words."""

    level: float
    evidence: tuple[str, ...]


def read_level(features: CandidateFeatures) -> LevelReading:
    """The level that relevant years, titles, scope and academic rank suggest, with the reasons."""
    years = features.working_years
    title = TITLE_LEVEL.get(features.seniority or "")
    scope = leadership_scope(features)
    evidence = [
        f"{years:.1f} relevant years (technical full-time positions, counted as of the resume's date)"
    ]
    if features.stated_years is not None and features.stated_years > features.dated_years:
        evidence[0] = (
            f"{years:g} years as the resume states them (its dated roles could not be read: they add up to "
            f"{features.dated_years:.1f} as of the resume's date)"
        )
    if years < 1.5:
        level = 1.0
    elif years < 2:
        level = 2.0
    elif years < 5:
        emerging = features.leadership_signals >= EMERGING_SIGNALS or (title is not None and title >= 4)
        level = 3.0 if emerging else MIDDLE
        if emerging:
            evidence.append(
                "emerging leadership: leading, mentoring or reviewing in the work, or a senior title"
            )
    elif years < 10:
        level = 4.0
    else:
        level = 5.0 if title == 5 or features.seniority == "manager" or scope >= STRONG_SCOPE else 4.0
        if scope >= STRONG_SCOPE and title != 5:
            evidence.append(f"organisation-wide scope (leadership and scope {scope:.0%})")
        elif features.seniority == "manager":
            evidence.append("manages a team after ten years or more: director-level scope")
    if features.seniority:
        evidence.append(f"current title seniority: {features.seniority}")
    lead = features.people_managed >= LEAD_PEOPLE or features.leadership_signals >= LEAD_SIGNALS
    if title is not None and title >= 4 and lead and years >= 2.5 and level < 4:
        level = 4.0
        evidence.append(
            f"leads people or projects ({features.people_managed} people led)"
            if features.people_managed
            else "leads projects and people"
        )
    if title == 5 and years >= 8 and level < 5:
        level = 5.0
    rank = academic_rank(features.titles)
    if rank is not None:
        evidence.append(f"academic rank: {rank[1]}")
        if rank[0] == 5 and years >= 8:
            level = max(level, 5.0)
        elif rank[0] == 4 and years >= 4:
            level = max(level, 4.0)
    if title == 1:  # still called junior: at most early career
        capped = min(level, 2.0 if years >= 2 else 1.0)
        if capped < level:
            evidence.append("a current junior title")
        level = capped
    return LevelReading(level, tuple(evidence))


def experience_level(features: CandidateFeatures) -> float:
    """The level that relevant years and the current title suggest (2.5: early career or Engineer II)."""
    return read_level(features).level


# Fit by distance in levels. Under-qualified: a stretch (one level) or out of reach (two or more).
# Over-qualified: can do the work, but a step down, the more so the further.
UNDER = (1.0, 0.75, 0.4, 0.15, 0.05)
OVER = (1.0, 0.85, 0.55, 0.3, 0.15)


def seniority_fit(candidate_level: float, role_level: int) -> float:
    """1 at the role's level, less per level away (interpolated for half levels)."""
    gap = role_level - candidate_level
    table = UNDER if gap > 0 else OVER
    distance = min(abs(gap), len(table) - 1.0)
    low = int(distance)
    high = min(low + 1, len(table) - 1)
    frac = distance - low
    return round(table[low] * (1 - frac) + table[high] * frac, 4)
