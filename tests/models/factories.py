"""Builders for scorer tests: a tiny taxonomy artifact and candidate features."""

from __future__ import annotations

import dataclasses
from typing import Any

from models.features import CandidateFeatures, SkillEvidence

SEEDS = (
    "000_aaae413d5299602d",
    "001_426c7b7afe3bcfac",
    "002_3bb4c74808981bca",
    "003_749167cce7ae3ca8",
    "004_0573b33375e174a3",
)

SKILLS = [
    ("python", "Python", "programming_language", None),
    ("java", "Java", "programming_language", None),
    ("sql", "SQL", "programming_language", None),
    ("machine-learning", "machine learning", "ml_concept", None),
    ("deep-learning", "deep learning", "ml_concept", "machine-learning"),
    ("pytorch", "PyTorch", "ml_framework", "deep-learning"),
    ("tensorflow", "TensorFlow", "ml_framework", "deep-learning"),
    ("scikit-learn", "scikit-learn", "ml_framework", None),
    ("docker", "Docker", "mlops", None),
    ("kubernetes", "Kubernetes", "mlops", None),
    ("mlflow", "MLflow", "mlops", None),
    ("spark", "Apache Spark", "data_engineering", None),
    ("aws", "AWS", "cloud", None),
    ("excel", "Microsoft Excel", "office", None),
]

_BASE = {
    "python": 1.0,
    "machine-learning": 0.9,
    "sql": 0.5,
    "scikit-learn": 0.6,
    "pytorch": 0.7,
    "tensorflow": 0.7,
    "docker": 0.4,
}
ROLE_WEIGHTS = {
    SEEDS[1]: {**_BASE},
    SEEDS[0]: {**_BASE, "java": 0.4, "spark": 0.3, "aws": 0.3},
    SEEDS[2]: {**_BASE, "mlflow": 0.6, "kubernetes": 0.5, "docker": 0.7, "aws": 0.4},
    SEEDS[3]: {**_BASE, "spark": 0.5, "aws": 0.5, "deep-learning": 0.5, "mlflow": 0.4},
    SEEDS[4]: {**_BASE, "spark": 0.6, "kubernetes": 0.5, "aws": 0.5, "deep-learning": 0.6, "java": 0.4},
}


def tiny_artifact() -> dict[str, Any]:
    """A taxonomy artifact with a dozen skills and weights for the five seeds."""
    return {
        "skills": [{"id": i, "name": n, "category": c, "parent": p} for i, n, c, p in SKILLS],
        "roles": ROLE_WEIGHTS,
    }


_CATEGORY = {i: c for i, _, c, _ in SKILLS}
_PARENT = {i: p for i, _, _, p in SKILLS}


def skill(sid: str, *sections: str, mentions: int = 1) -> SkillEvidence:
    """Evidence of one skill, found in `sections` (experience by default)."""
    return SkillEvidence(
        id=sid,
        category=_CATEGORY.get(sid, "other"),
        parent=_PARENT.get(sid),
        mentions=mentions,
        sections=tuple(sections) or ("experience",),
    )


def candidate(skills: tuple[SkillEvidence, ...] = (), **overrides: Any) -> CandidateFeatures:
    """Features of a candidate with no years, a bachelor's degree and no titles, unless overridden."""
    base = CandidateFeatures(
        skills=skills,
        years_experience=0.0,
        highest_degree="bachelor",
        degree_in_progress=None,
        titles=(),
        seniority=None,
        people_managed=0,
        leadership_signals=0,
    )
    return dataclasses.replace(base, **overrides)


STRONG_ML = tuple(
    skill(s)
    for s in (
        "python",
        "machine-learning",
        "sql",
        "scikit-learn",
        "pytorch",
        "docker",
        "spark",
        "aws",
        "mlflow",
        "kubernetes",
        "deep-learning",
    )
)
