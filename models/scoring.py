"""The fit of a candidate to every role: a 0-100 score that is the sum of its parts, and the reasons.

score = skills + level + experience + leadership + education, each part worth
`100 × weight × value` (weights: skills 50, level 15, experience 20, leadership 10, education 5).
When the role's machine learning requirements are met under `gate_at` (60 %) of a full match, the
experience, leadership and education parts count only in proportion (`× ml_depth / 0.6`): years
and a degree without the role's core skills do not make a fit (a pastry chef with nine years fits
no ML role; a backend engineer's Python, Docker and AWS alone do not make an ML engineer). Each
part is rounded to one decimal and the score is the sum of the rounded parts, so the parts shown
always add up to the score shown.

`matched` and `missing` hold requirement labels ("Python", "a cloud platform (AWS, Azure or Google
Cloud)"); a family met by one member shows that member's name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from models.components import (
    SkillCredit,
    credit_skills,
    education_component,
    experience_component,
    leadership_component,
    ml_depth,
    skills_component,
)
from models.explain import explain_fit
from models.features import CandidateFeatures
from models.ladder import place_on_ladder  # re-exported: the pipeline imports it from here
from models.roles import RoleProfile
from models.seniority import experience_level, seniority_fit
from models.similarity import profile_similarity

MAX_MISSING = 8
PART_ORDER = ("skills", "level", "experience", "leadership", "education")
UNGATED = ("skills", "level")  # the level is about the person's seniority, whatever their field
PART_LABELS = {
    "skills": "Skills",
    "level": "Level",
    "experience": "Experience",
    "leadership": "Leadership and scope",
    "education": "Education",
}


@dataclass(frozen=True)
class ScoringConfig:
    """The scorer's settings; the defaults are the shipped ones (see docs in models/README.md)."""

    skills: float = 0.5
    level: float = 0.15  # the candidate's ladder level against the role's
    experience: float = 0.2
    leadership: float = 0.1
    education: float = 0.05
    gate_at: float = 0.6  # under this skills match the other parts count in proportion
    profile: float = 0.0  # weight of the TF-IDF cosine similarity in the skills part (0 = off)

    def weights(self) -> dict[str, float]:
        raw = {k: getattr(self, k) for k in PART_ORDER}
        total = sum(raw.values())
        return {k: v / total for k, v in raw.items()}


DEFAULT = ScoringConfig()


@dataclass(frozen=True)
class Part:
    """One part of a score: its value (0..1), its weight, and the points it adds."""

    name: str
    value: float
    weight: float
    contribution: float  # points of the 0-100 score
    possible: float  # points it could add at value 1 (after the skills gate)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": PART_LABELS.get(self.name, self.name),
            "value": self.value,
            "weight": self.weight,
            "contribution": self.contribution,
            "possible": self.possible,
        }


@dataclass(frozen=True)
class Fit:
    """How well a candidate fits one role, and why."""

    role: str
    title: str
    level: int
    score: float
    components: dict[str, float]
    matched: tuple[str, ...]
    missing: tuple[str, ...]
    explanation: str
    parts: tuple[Part, ...] = ()
    gate: float = 1.0  # the factor the non-skills parts were counted at
    missing_required: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The report's `fits[]` entry."""
        return {
            "role": self.role,
            "title": self.title,
            "level": self.level,
            "score": self.score,
            "components": dict(self.components),
            "matched": list(self.matched),
            "missing": list(self.missing),
            "missing_required": list(self.missing_required),
            "explanation": self.explanation,
            "breakdown": {
                "parts": [p.to_dict() for p in self.parts],
                "skills_gate": self.gate,
                "total": self.score,
                "formula": "score = sum of parts; part = 100 × weight × value"
                + (
                    f"; experience, leadership, education × {self.gate:g} (machine learning "
                    f"requirements met under {DEFAULT.gate_at:.0%})"
                    if self.gate < 1
                    else ""
                ),
            },
        }


def score_role(features: CandidateFeatures, role: RoleProfile, config: ScoringConfig = DEFAULT) -> Fit:
    """The fit of one candidate to one role."""
    credits = credit_skills(features, role)
    skills, coverage = skills_component(credits)
    if config.profile > 0:
        skills = (1 - config.profile) * skills + config.profile * profile_similarity(features, role)
    candidate_level = experience_level(features)
    values = {
        "skills": skills,
        "level": seniority_fit(candidate_level, role.level),
        "experience": experience_component(features.working_years, role),
        "leadership": leadership_component(features, role),
        "education": education_component(features, role),
    }
    weights = config.weights()
    depth = ml_depth(credits)
    gate = round(min(1.0, depth / config.gate_at), 4) if config.gate_at > 0 else 1.0
    parts = []
    for name in PART_ORDER:
        factor = 1.0 if name in UNGATED else gate
        possible = round(100.0 * weights[name] * factor, 1)
        parts.append(
            Part(
                name,
                round(values[name], 4),
                round(weights[name], 4),
                round(100.0 * weights[name] * factor * values[name], 1),
                possible,
            )
        )
    score = round(sum(p.contribution for p in parts), 1)
    components = {
        "skills": round(skills, 4),
        "skills_coverage": round(coverage, 4),
        "ml_depth": round(depth, 4),
        "experience": round(values["experience"], 4),
        "education": round(values["education"], 4),
        "leadership": round(values["leadership"], 4),
        "seniority": round(values["level"], 4),
    }
    matched = tuple(_matched_label(c, role) for c in credits if c.kind == "direct")
    missing = tuple(c.label or role.names.get(c.skill, c.skill) for c in credits if c.kind != "direct")[
        :MAX_MISSING
    ]
    # required and not shown at all, nor through a close skill (those are in `missing` too)
    missing_required = tuple(
        c.label or c.skill for c in credits if c.kind == "none" and c.importance == "required"
    )
    return Fit(
        role=role.id,
        title=role.title,
        level=role.level,
        score=score,
        components=components,
        matched=matched,
        missing=missing,
        explanation=explain_fit(
            role,
            features,
            score,
            components,
            _partials(credits, role),
            candidate_level,
            parts=tuple(parts),
            gate=gate,
            credits=credits,
        ),
        parts=tuple(parts),
        gate=gate,
        missing_required=missing_required,
    )


def _matched_label(credit: SkillCredit, role: RoleProfile) -> str:
    """A met requirement as shown: the skill's name (a family shows the member that met it)."""
    if credit.skill.startswith("family:") and credit.via:
        return role.names.get(credit.via, credit.via)
    return credit.label or role.names.get(credit.skill, credit.skill)


def _partials(credits: list[SkillCredit], role: RoleProfile) -> list[tuple[str, str]]:
    """(asked, shown instead) pairs for related-skill credit, heaviest first."""
    return [
        (c.label or role.names.get(c.skill, c.skill), role.names.get(c.via, c.via.replace("-", " ")))
        for c in credits
        if c.kind == "related" and c.via
    ]


def score_all(
    features: CandidateFeatures, roles: Sequence[RoleProfile], config: ScoringConfig = DEFAULT
) -> list[Fit]:
    """Fits to every role, in the roles' order."""
    return [score_role(features, role, config) for role in roles]


__all__ = ["Fit", "place_on_ladder", "score_all", "score_role"]
