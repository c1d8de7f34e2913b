"""The candidate's level on the ladder from years and title seniority, and how far it is from a role's.

1 entry, 2 early career, 3 mid (Engineer II), 4 senior/staff, 5 distinguished/principal. Between two
and five years, emerging leadership (leading small projects, mentoring, reviewing code: the
Engineer II document's words) or a senior title makes it 3; otherwise it is 2.5, early career or
Engineer II, and the skills decide.
"""

from __future__ import annotations

from models.components import leadership_scope
from models.features import CandidateFeatures

TITLE_LEVEL = {"junior": 1, "senior": 4, "staff": 4, "lead": 4, "manager": 4,
               "head": 5, "director": 5, "principal": 5, "distinguished": 5}
MIDDLE = 2.5
EMERGING_SIGNALS = 3  # kinds of leadership phrase (led, mentored, reviewed...) that mark an Engineer II
STRONG_SCOPE = 0.75  # leadership scope that marks a distinguished candidate without the title


def experience_level(features: CandidateFeatures) -> float:
    """The level that relevant years and the current title suggest (2.5: early career or Engineer II)."""
    years = features.working_years
    title = TITLE_LEVEL.get(features.seniority or "")
    if years < 2:
        level = 1.0
    elif years < 5:
        emerging = features.leadership_signals >= EMERGING_SIGNALS or (title is not None and title >= 4)
        level = 3.0 if emerging else MIDDLE
    elif years < 10:
        level = 5.0 if title == 5 and years >= 8 else 4.0
    else:
        level = 5.0 if title == 5 or leadership_scope(features) >= STRONG_SCOPE else 4.0
    if title == 1:  # still called junior: at most early career
        level = min(level, 2.0 if years >= 3 else 1.0)
    return level


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
