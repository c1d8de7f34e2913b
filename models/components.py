"""The parts of a fit: skills, experience, education and leadership, each a number in 0..1.

Each function sees only the candidate's features and one role; nothing personal reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from models.features import CandidateFeatures, SkillEvidence
from models.profile import family_of
from models.roles import RoleProfile
from models.vocab import DEGREES, LEVEL_YEARS

# How much a skill counts by the kind of section (models.vocab.SECTION_KINDS) it was shown in:
# used at work beats a bare list entry.
SHOWN_IN_WORK = 1.0  # experience (employment, research...), projects, publications (talks, patents)
MENTIONED = 0.8  # summary, education, certifications, anything else
LISTED_ONLY = 0.6  # only in a skills list (tools, technologies, competencies...)
WORK_SECTIONS = frozenset({"experience", "projects", "publications"})
LIST_SECTIONS = frozenset({"skills"})

# Partial credit when the role asks for one skill and the candidate shows a close one.
CHILD_CREDIT = 0.8  # asked AWS, shows Amazon S3: a part of the asked skill
PARENT_CREDIT = 0.25  # asked NLP, shows only machine learning in general: a broad claim
SIBLING_CREDIT = 0.5  # same parent and category: asked Amazon ECS, shows Amazon EKS
CATEGORY_CREDIT = 0.35  # same substitutable category only: PyTorch for TensorFlow, GCP for Azure
# A practice shown through the tools that do it: someone who ships PyTorch models does deep learning,
# someone who runs Airflow and Spark builds data pipelines. (asked skill -> (categories, skill ids))
THROUGH_CREDIT = 0.7
_SERVING = frozenset(
    {
        "triton-inference-server",
        "torchserve",
        "tensorflow-serving",
        "bentoml",
        "seldon-core",
        "kserve",
        "ray-serve",
        "model-serving",
        "vllm",
    }
)
SHOWN_THROUGH: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "deep-learning": (frozenset({"ml_framework"}), frozenset()),
    "data-pipelines": (frozenset({"data_platform"}), frozenset({"etl"})),
    "mlops": (frozenset({"mlops"}), frozenset()),
    "model-serving": (frozenset(), _SERVING),
    "model-deployment": (frozenset(), _SERVING | {"mlops", "kubeflow", "sagemaker", "vertex-ai", "azure-ml"}),
}
# Categories whose members stand in for each other; a language, a method or a domain does not.
SUBSTITUTABLE = frozenset(
    {
        "programming_language",
        "ml_framework",
        "ml_library",
        "cloud_platform",
        "cloud_service",
        "database",
        "data_platform",
        "vector_search",
        "observability",
        "llm_tooling",
        "gpu_computing",
        "mlops",
        "devops",
    }
)
# Requirements in these categories are the machine learning core of a role; general engineering
# (Python, cloud, containers, Git) is shared with backend, data and platform engineers.
ML_CATEGORIES = frozenset(
    {
        "ml_field",
        "ml_method",
        "ml_model",
        "ml_framework",
        "ml_library",
        "mlops",
        "llm_tooling",
        "vector_search",
        "gpu_computing",
    }
)
# Share of a role's weighted skills that counts as a full skills match: nobody shows every tool
# a long career document names.
SKILLS_SATURATION = 0.6


def evidence_strength(skill: SkillEvidence) -> float:
    """How strongly the resume shows a skill, from the kinds of section it appears in (mentions don't count)."""
    return _strength_of_sections(skill.sections)


@lru_cache(maxsize=512)  # keyed by the section kinds alone: a few dozen combinations occur
def _strength_of_sections(sections: tuple[str, ...]) -> float:
    best = 0.0
    for section in sections or ("",):
        if section in WORK_SECTIONS:
            credit = SHOWN_IN_WORK
        elif section in LIST_SECTIONS:
            credit = LISTED_ONLY
        else:
            credit = MENTIONED
        best = max(best, credit)
    return best


@dataclass(frozen=True)
class SkillCredit:
    """Credit for one requirement of the role, and the candidate skill that earned it."""

    skill: str  # the requirement's id (a skill id, or "family:<key>")
    weight: float
    credit: float
    via: str | None  # the candidate's skill id; a member of the requirement for a direct match
    kind: str  # direct|related|category|none
    label: str = ""  # the requirement as a hiring manager reads it
    importance: str = ""
    ml: bool = False  # a machine learning requirement (not general engineering)


FAMILY_CREDIT = 0.8  # asked "a deep learning framework (TensorFlow, PyTorch)", shows JAX


def _skill_options(
    sid: str,
    role: RoleProfile,
    have: dict[str, SkillEvidence],
    by_parent: dict[str, list[SkillEvidence]],
    by_category: dict[str, list[SkillEvidence]],
) -> tuple[str, list[tuple[SkillEvidence, float]]]:
    """(kind, stand-ins) for one asked skill the candidate does not show directly."""
    options = [(c, CHILD_CREDIT) for c in by_parent.get(sid, ())]
    shown_by = SHOWN_THROUGH.get(sid)
    if shown_by is not None:
        categories, ids = shown_by
        options += [
            (c, THROUGH_CREDIT) for cat in categories for c in by_category.get(cat, ()) if c.id != sid
        ]
        options += [(have[i], THROUGH_CREDIT) for i in ids if i in have]
    parent = role.parents.get(sid)
    if parent:
        if parent in have:
            options.append((have[parent], PARENT_CREDIT))
        category = role.categories.get(sid, "")
        options += [
            (c, SIBLING_CREDIT) for c in by_parent.get(parent, ()) if c.id != sid and c.category == category
        ]  # SageMaker is no CloudWatch
    if options:
        return "related", options
    category = role.categories.get(sid, "")
    if category in SUBSTITUTABLE:
        return "category", [(c, CATEGORY_CREDIT) for c in by_category.get(category, ())]
    return "category", []


@dataclass(frozen=True)
class _SkillIndex:
    """A candidate's skills by id, parent, category and family, and the stand-ins found so far."""

    have: dict[str, SkillEvidence]
    by_parent: dict[str, list[SkillEvidence]]
    by_category: dict[str, list[SkillEvidence]]
    by_family: dict[str, list[SkillEvidence]]
    # (asked skill, its parent, its category) -> (kind, best stand-in): the same for every role
    stand_ins: dict[tuple[str, str | None, str], tuple[str, tuple[str, float] | None]]


def _index_skills(features: CandidateFeatures) -> _SkillIndex:
    index = _SkillIndex({s.id: s for s in features.skills}, {}, {}, {}, {})
    for s in features.skills:
        if s.parent:
            index.by_parent.setdefault(s.parent, []).append(s)
        if s.category:
            index.by_category.setdefault(s.category, []).append(s)
        fam = family_of(s.id, s.category)
        if fam:
            index.by_family.setdefault(fam[0], []).append(s)
    return index


# score_all credits one candidate against every role in turn: the index of the last one is kept.
_last_index: tuple[CandidateFeatures, _SkillIndex] | None = None


def _skill_index(features: CandidateFeatures) -> _SkillIndex:
    global _last_index
    last = _last_index
    if last is None or last[0] is not features:
        last = _last_index = (features, _index_skills(features))
    return last[1]


def _stand_in(sid: str, role: RoleProfile, index: _SkillIndex) -> tuple[str, tuple[str, float] | None]:
    """(kind, best stand-in) for one asked skill the candidate does not show directly."""
    key = (sid, role.parents.get(sid), role.categories.get(sid, ""))
    found = index.stand_ins.get(key)
    if found is None:
        kind, options = _skill_options(sid, role, index.have, index.by_parent, index.by_category)
        found = index.stand_ins[key] = (kind, _best(options))
    return found


def credit_skills(features: CandidateFeatures, role: RoleProfile) -> list[SkillCredit]:
    """Credit for every requirement of the role, heaviest first.

    A requirement is met directly by any of its skills (a family by any member, or another skill
    of the same family at 80 %); otherwise a close skill earns part (see the constants above).
    """
    index = _skill_index(features)
    have = index.have
    credits = []
    for req in role.ranked_requirements:
        ml = any(role.categories.get(sid, "") in ML_CATEGORIES for sid in req.skills)
        direct = [(have[sid], 1.0) for sid in req.skills if sid in have]
        if direct:
            via, credit = _best(direct)  # type: ignore[misc]
            credits.append(
                SkillCredit(req.id, req.weight, credit, via, "direct", req.label, req.importance, ml)
            )
            continue
        best: tuple[str, float] | None = None
        kind = "none"
        if req.id.startswith("family:"):
            key = req.id.split(":", 1)[1]
            kin = [(s, FAMILY_CREDIT) for s in index.by_family.get(key, ())]
            best, kind = _best(kin), "related"
        for sid in req.skills:
            if best is not None and kind == "related":
                break
            sub_kind, found = _stand_in(sid, role, index)
            if found is not None and (best is None or found[1] > best[1]):
                best, kind = found, sub_kind
        if best is None:
            credits.append(SkillCredit(req.id, req.weight, 0.0, None, "none", req.label, req.importance, ml))
        else:
            credits.append(
                SkillCredit(req.id, req.weight, best[1], best[0], kind, req.label, req.importance, ml)
            )
    return credits


def _best(options: list[tuple[SkillEvidence, float]]) -> tuple[str, float] | None:
    """(candidate skill id, credit) of the strongest stand-in, or None."""
    if not options:
        return None
    scored = [(factor * evidence_strength(c), c.id) for c, factor in options]
    credit, sid = max(scored)
    return sid, credit


def ml_depth(credits: list[SkillCredit]) -> float:
    """The machine learning requirements met (0..1, saturating like the skills part); 1 for a role with none."""
    asked = [c for c in credits if c.ml]
    total = sum(c.weight for c in asked)
    if total <= 0:
        return 1.0
    return min(1.0, sum(c.weight * c.credit for c in asked) / total / SKILLS_SATURATION)


def skills_component(credits: list[SkillCredit]) -> tuple[float, float]:
    """(component 0..1, raw weighted coverage 0..1) of a role's requirements."""
    total = sum(c.weight for c in credits)
    if total <= 0:
        return 0.0, 0.0
    coverage = sum(c.weight * c.credit for c in credits) / total
    return min(1.0, coverage / SKILLS_SATURATION), coverage


UNDER_POWER = 1.5  # falling short of the years asked costs more than exceeding them
OVER_STEP = 0.06  # per year beyond the role's range
OVER_FLOOR = 0.4


def years_ceiling(role: RoleProfile) -> float | None:
    """The most years the role expects: its own maximum, else its ladder level's band."""
    high = role.expected_years[1]
    return high if high is not None else LEVEL_YEARS.get(role.level, (0, None))[1]


def experience_component(years: float, role: RoleProfile) -> float:
    """Fit of the candidate's years to the role's range; under- and over-qualification differ.

    Short of the minimum: (years / minimum) ** 1.5, steep. Beyond the ceiling: a gentle 6 % per
    year down to 40 %: an over-qualified candidate can do the work but may not stay.
    """
    low = role.expected_years[0]
    if years < low:
        return round((max(years, 0.0) / low) ** UNDER_POWER, 4)
    high = years_ceiling(role)
    if high is not None and years > high:
        return round(max(OVER_FLOOR, 1.0 - OVER_STEP * (years - high)), 4)
    return 1.0


def degree_rank(features: CandidateFeatures) -> float:
    """Highest degree as a rank (none 0 .. phd 3); a degree in progress counts half a step."""
    rank = float(DEGREES.index(features.highest_degree)) if features.highest_degree in DEGREES else 0.0
    if features.degree_in_progress in DEGREES:
        rank = max(rank, DEGREES.index(features.degree_in_progress) - 0.5)
    return rank


_EDUCATION_SHORTFALL = {0: 1.0, 1: 0.7, 2: 0.45, 3: 0.25}


def education_component(features: CandidateFeatures, role: RoleProfile) -> float:
    """1 when the degree meets the role's expectation, less per step below it."""
    expected = DEGREES.index(role.education) if role.education in DEGREES else 0
    gap = max(0.0, expected - degree_rank(features))
    whole = int(gap)
    value = _EDUCATION_SHORTFALL[min(whole, 3)]
    if gap > whole:  # half a step: between the two
        value = (value + _EDUCATION_SHORTFALL[min(whole + 1, 3)]) / 2
    return value


_SENIORITY_SCOPE = {
    None: 0.0,
    "junior": 0.0,
    "senior": 0.4,
    "lead": 0.6,
    "manager": 0.6,
    "staff": 0.7,
    "head": 0.9,
    "director": 0.9,
    "principal": 0.9,
    "distinguished": 1.0,
}
SIGNALS_FOR_FULL_SCOPE = 8
PEOPLE_FOR_FULL_SCOPE = 8


def leadership_scope(features: CandidateFeatures) -> float:
    """The candidate's leadership and scope in 0..1: title seniority, leadership signals, people managed."""
    title = _SENIORITY_SCOPE.get(features.seniority, 0.3)
    signals = min(1.0, features.leadership_signals / SIGNALS_FOR_FULL_SCOPE)
    people = min(1.0, features.people_managed / PEOPLE_FOR_FULL_SCOPE)
    return round(0.45 * title + 0.4 * signals + 0.15 * people, 4)


def leadership_component(features: CandidateFeatures, role: RoleProfile) -> float:
    """How much of the leadership the role expects the candidate shows (1 when it expects none)."""
    if role.leadership <= 0:
        return 1.0
    return round(min(1.0, leadership_scope(features) / role.leadership), 4)
