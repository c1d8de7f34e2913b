"""Where a candidate stands on the career ladder (1 entry .. 5 distinguished), and what is next.

The level comes from the candidate's relevant years and title seniority, checked against the fits:
between 2 and 5 years the skills decide between early career (2) and Engineer II (3); someone whose
skills fit no ML role well is placed where they would enter the ladder, whatever their years.
"""

from __future__ import annotations

from typing import Sequence

from models.components import degree_rank, leadership_scope
from models.features import DEGREES, CandidateFeatures
from models.roles import LEVEL_LEADERSHIP, LEVEL_YEARS
from models.seniority import MIDDLE, experience_level

# Domain depth is read from the skills part of the fits, never from the scores (which also carry
# level and years): under NO_FIT no role fits at all; under ADJACENT the candidate is adjacent to ML.
NO_FIT = 0.2  # skills component: under a fifth of a full skills match on every role -> best_fit None
ADJACENT = 0.5  # skills component: under half a full skills match on every role -> at most level 2
ADJACENT_YEARS = 2.0  # technical years that place an adjacent engineer at level 2 rather than 1
MAX_SKILL_GAPS = 5

def _best(fits: Sequence) -> object | None:
    return min(fits, key=lambda f: (-f.score, f.level, f.role)) if fits else None


def place_on_ladder(features: CandidateFeatures, fits: Sequence) -> tuple[int, str | None, dict]:
    """(ladder_level 1-5, best-fit role id or None when nothing fits, next_level {level, gaps})."""
    top = _best(fits)
    depth = max((f.components.get("skills", 0.0) for f in fits), default=0.0)
    level = experience_level(features)
    if level == MIDDLE:
        middle = [f for f in fits if f.level in (2, 3)]
        pick = _best(middle)
        level = float(pick.level) if pick is not None else 2.0
    if depth < ADJACENT:  # adjacent or off-domain: enters the ML ladder, at most early career
        level = min(level, 2.0 if features.working_years >= ADJACENT_YEARS else 1.0)
    ladder = int(level)
    best_fit = top.role if top is not None and depth >= NO_FIT else None
    return ladder, best_fit, next_level(features, fits, ladder, nothing_fits=best_fit is None)


_LEADERSHIP_GAP = {
    2: "Own a model or pipeline end to end in production.",
    3: "Lead a small project and mentor a junior engineer; review others' model code.",
    4: "Technical leadership of a team's systems: design reviews, mentoring, owning the architecture.",
    5: "Organisation-wide technical direction: architecture and strategy across teams, and impact "
       "beyond the company (talks, papers, patents, open source).",
}


def next_level(features: CandidateFeatures, fits: Sequence, ladder: int, *,
               nothing_fits: bool = False) -> dict:
    """The next level up and the gaps to close: skills, years, leadership, education."""
    if ladder >= 5:
        return {"level": None, "gaps": []}
    target = ladder + 1
    gaps: list[str] = []
    if nothing_fits:
        gaps.append("Core machine learning engineering skills: Python, machine learning, model training "
                    "and deployment, shown in real work or projects.")
    above = sorted((f for f in fits if f.level >= target), key=lambda f: (f.level, -f.score, f.role))
    if above:
        missing = [s for s in above[0].missing[:MAX_SKILL_GAPS]]
        if missing:
            gaps.append(f"Skills for {above[0].title}: " + ", ".join(missing) + ".")
    start = LEVEL_YEARS[target][0]
    if features.working_years < start:
        more = start - features.working_years
        gaps.append(f"About {more:.1f} more years of relevant experience (level {target} usually "
                    f"starts at {start:g}).")
    if leadership_scope(features) < LEVEL_LEADERSHIP[target]:
        gaps.append(_LEADERSHIP_GAP[target])
    if target == 5 and degree_rank(features) < DEGREES.index("master"):
        gaps.append("A master's degree or PhD is typical at this level (equivalent research output counts).")
    return {"level": target, "gaps": gaps}
