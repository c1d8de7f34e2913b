"""The fit of a candidate to every role: a 0-100 score, its components, and the reasons.

score = 100 × skills × (0.3 + 0.7 × context), where `skills` is the role's weighted skills the
candidate shows (0..1) and `context` the weighted mean of experience, education and leadership.
Skills multiply rather than add: years and a degree without the role's skills do not make a fit
(a pastry chef with nine years fits no ML role), and skills without the years make a partial one.

`matched` and `missing` hold skill display names (the role's `names`; the id where it has none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from models.components import (
    SkillCredit,
    credit_skills,
    education_component,
    experience_component,
    leadership_component,
    skills_component,
)
from models.explain import explain_fit
from models.features import CandidateFeatures
from models.ladder import place_on_ladder  # re-exported: the pipeline imports it from here
from models.roles import RoleProfile
from models.seniority import experience_level, seniority_fit
from models.similarity import profile_similarity

MAX_MISSING = 8


@dataclass(frozen=True)
class ScoringConfig:
    """The scorer's settings; the defaults are the shipped ones (see docs in models/README.md)."""

    floor: float = 0.3  # share of the skills fit kept when nothing else matches
    experience: float = 0.55
    education: float = 0.2
    leadership: float = 0.5  # times the role's leadership expectation (0 for entry roles)
    seniority: str = "factor"  # level distance: "factor" multiplies the score, "context" averages in, "off"
    seniority_weight: float = 0.4  # its weight when averaged into the context
    profile: float = 0.0  # weight of the TF-IDF cosine similarity in the skills part (0 = off)


DEFAULT = ScoringConfig()


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

    def to_dict(self) -> dict[str, Any]:
        """The report's `fits[]` entry."""
        return {"role": self.role, "title": self.title, "level": self.level, "score": self.score,
                "components": dict(self.components), "matched": list(self.matched),
                "missing": list(self.missing), "explanation": self.explanation}


def context_weights(role: RoleProfile, config: ScoringConfig = DEFAULT) -> dict[str, float]:
    """How much experience, education, leadership (and seniority, if averaged in) count for a role."""
    weights = {"experience": config.experience, "education": config.education,
               "leadership": config.leadership * role.leadership}
    if config.seniority == "context":
        weights["seniority"] = config.seniority_weight
    return weights


def score_role(features: CandidateFeatures, role: RoleProfile, config: ScoringConfig = DEFAULT) -> Fit:
    """The fit of one candidate to one role."""
    credits = credit_skills(features, role)
    skills, coverage = skills_component(credits)
    if config.profile > 0:
        skills = (1 - config.profile) * skills + config.profile * profile_similarity(features, role)
    candidate_level = experience_level(features)
    parts = {
        "experience": experience_component(features.working_years, role),
        "education": education_component(features, role),
        "leadership": leadership_component(features, role),
        "seniority": seniority_fit(candidate_level, role.level),
    }
    weights = context_weights(role, config)
    context = sum(w * parts[k] for k, w in weights.items()) / sum(weights.values())
    level_factor = parts["seniority"] if config.seniority == "factor" else 1.0
    score = round(100.0 * skills * level_factor * (config.floor + (1.0 - config.floor) * context), 1)
    components = {"skills": round(skills, 4), "skills_coverage": round(coverage, 4),
                  **{k: round(v, 4) for k, v in parts.items()}}
    name = lambda sid: role.names.get(sid, sid)  # noqa: E731
    matched = tuple(name(c.skill) for c in credits if c.kind == "direct")
    missing = tuple(name(c.skill) for c in credits if c.kind != "direct")[:MAX_MISSING]
    return Fit(role=role.id, title=role.title, level=role.level, score=score, components=components,
               matched=matched, missing=missing,
               explanation=explain_fit(role, features, score, components, _partials(credits, role),
                                       candidate_level))


def _partials(credits: list[SkillCredit], role: RoleProfile) -> list[tuple[str, str]]:
    """(asked, shown instead) pairs for related-skill credit, heaviest first."""
    return [(role.names.get(c.skill, c.skill), role.names.get(c.via, c.via))
            for c in credits if c.kind == "related" and c.via]


def score_all(features: CandidateFeatures, roles: Sequence[RoleProfile],
              config: ScoringConfig = DEFAULT) -> list[Fit]:
    """Fits to every role, in the roles' order."""
    return [score_role(features, role, config) for role in roles]

__all__ = ["Fit", "score_all", "score_role", "place_on_ladder"]
