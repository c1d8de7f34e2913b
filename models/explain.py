"""Plain-language reasons for a fit score, built from its components."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from models.components import SKILLS_SATURATION, leadership_scope, years_ceiling
from models.features import CandidateFeatures
from models.roles import RoleProfile
from models.vocab import DEGREE_WORDS, LEVEL_WORDS

_DEGREE_WORDS = {name: words if name == "none" else f"a {words}" for name, words in DEGREE_WORDS.items()}


def _years_range(role: RoleProfile) -> str:
    low, high = role.expected_years
    return f"{low:g}+ years" if high is None else f"{low:g}–{high:g} years"


def _experience_sentence(features: CandidateFeatures, role: RoleProfile, value: float) -> str:
    years = features.working_years
    asked = _years_range(role)
    if years < role.expected_years[0]:
        return f"Experience: {years:.1f} relevant years, short of the {asked} the role asks for."
    ceiling = years_ceiling(role)
    if ceiling is not None and years > ceiling:
        return (
            f"Experience: {years:.1f} relevant years, more than this level usually has (up to "
            f"{ceiling:g}); over-qualified rather than unqualified."
        )
    return f"Experience: {years:.1f} relevant years, within the {asked} asked for."


def _education_sentence(features: CandidateFeatures, role: RoleProfile, value: float) -> str:
    have = _DEGREE_WORDS.get(features.highest_degree, features.highest_degree)
    want = DEGREE_WORDS.get(role.education, role.education)
    progress = f" ({features.degree_in_progress} in progress)" if features.degree_in_progress else ""
    if value >= 1.0:
        return f"Education: {have}{progress} meets the {want} expected."
    return f"Education: {have}{progress}, below the {want} expected."


def _leadership_sentence(features: CandidateFeatures, role: RoleProfile, value: float) -> str:
    if role.leadership <= 0:
        return ""
    shown = leadership_scope(features)
    if value >= 1.0:
        return "Leadership and scope: as much as the role expects."
    return (
        f"Leadership and scope: {shown:.0%} shown of the {role.leadership:.0%} the role expects "
        f"(titles, people managed, and leading, mentoring, architecture or strategy in the work)."
    )


def _seniority_sentence(candidate_level: float, role: RoleProfile, value: float) -> str:
    seen = LEVEL_WORDS.get(candidate_level, f"level {candidate_level:g}")
    if abs(candidate_level - role.level) <= 0.5:
        return f"Level: years and titles read as {seen}, at this role's level."
    if candidate_level > role.level:
        return f"Level: years and titles read as {seen}, above this level-{role.level} role (a step down)."
    return f"Level: years and titles read as {seen}, below this level-{role.level} role (a stretch)."


def _gains_and_losses(parts: Sequence[Any], credits: Sequence[Any]) -> str:
    """The largest gains and losses in words: which parts added most, which cost most."""
    gains = sorted((p for p in parts if p.contribution > 0), key=lambda p: -p.contribution)[:2]
    losses = sorted(
        (p for p in parts if p.possible - p.contribution >= 0.5), key=lambda p: -(p.possible - p.contribution)
    )[:2]
    words = []
    if gains:
        words.append(
            "Largest gains: "
            + ", ".join(f"{_PART_WORDS.get(p.name, p.name)} +{p.contribution:g}" for p in gains)
            + "."
        )
    if losses:
        lost = []
        for p in losses:
            text = f"{_PART_WORDS.get(p.name, p.name)} −{p.possible - p.contribution:.1f}"
            if p.name == "skills":
                unmet = [c.label for c in credits if c.kind == "none" and c.importance == "required"][:3]
                if unmet:
                    text += " (no " + ", ".join(unmet) + ")"
            lost.append(text)
        words.append("Largest losses: " + ", ".join(lost) + ".")
    return " ".join(words)


_PART_WORDS = {
    "skills": "skills",
    "level": "level",
    "experience": "experience",
    "leadership": "leadership",
    "education": "education",
}


def explain_fit(
    role: RoleProfile,
    features: CandidateFeatures,
    score: float,
    components: dict[str, float],
    partials: list[tuple[str, str]],
    candidate_level: float | None = None,
    *,
    parts: Sequence[Any] = (),
    gate: float = 1.0,
    credits: Sequence[Any] = (),
) -> str:
    """One short paragraph: the score as the sum of its parts, the largest gains and losses, then each part in words."""
    opening = f"{score:.1f}/100 for {role.title} (ladder level {role.level})"
    if parts:
        opening += " = " + " + ".join(f"{_PART_WORDS.get(p.name, p.name)} {p.contribution:g}" for p in parts)
    text = [opening + "."]
    if gate < 1:
        text.append(
            f"With under {0.6:.0%} of the role's machine learning requirements shown, experience, leadership "
            f"and education count at {gate:.0%}."
        )
    if parts:
        summary = _gains_and_losses(parts, credits)
        if summary:
            text.append(summary)
    coverage = components["skills_coverage"]
    text.append(
        f"Skills: meets {coverage:.0%} of the role's weighted requirements ({SKILLS_SATURATION:.0%} counts as "
        f"a full match, so the skills part is {components['skills']:.0%}); skills shown in work count more "
        f"than a bare list."
    )
    if partials:
        shown = ", ".join(f"{via} for {asked}" for asked, via in partials[:3])
        text.append(f"Partial credit for related skills: {shown}.")
    text.append(_experience_sentence(features, role, components["experience"]))
    text.append(_education_sentence(features, role, components["education"]))
    lead = _leadership_sentence(features, role, components["leadership"])
    if lead:
        text.append(lead)
    if candidate_level is not None and "seniority" in components:
        text.append(_seniority_sentence(candidate_level, role, components["seniority"]))
    if components["skills"] < 0.25:
        text.append("Too few of the role's skills to count as a fit, whatever the years and degree.")
    return " ".join(text)
