"""Roles from users' own job descriptions, built by the same rules as the seeds."""

from __future__ import annotations

from models.roles import load_roles, role_from_job_description
from models.scoring import score_all
from tests.models.factories import STRONG_ML, candidate

JD = """Senior Machine Learning Engineer, Search
We are hiring a senior engineer to own ranking models.
Requirements
- 5+ years of experience building machine learning systems in production
- BS or MS in Computer Science or a related field
- Python, PyTorch, Docker
Compensation: $180,000 - $220,000; our mid-level (2-4 years) band starts lower.
"""


def test_job_description_becomes_a_role():
    role = role_from_job_description(
        JD,
        title=None,
        weights={"python": 1.0, "pytorch": 0.8, "docker": 0.5},
        categories={"python": "programming_language", "pytorch": "ml_framework"},
    )
    assert role.title == "Senior Machine Learning Engineer, Search"
    assert role.level == 4 and role.expected_years == (5.0, None)
    assert role.education == "bachelor" and role.seed is None
    assert role.categories["pytorch"] == "ml_framework"
    assert role.to_dict()["skills"][0]["id"] == "python"


def test_same_text_same_role():
    a = role_from_job_description(JD, title="X", weights={"python": 1.0}, categories={})
    b = role_from_job_description(JD, title="X", weights={"python": 1.0}, categories={})
    assert a == b and a.id.startswith("x-")


def test_custom_role_is_scored_beside_the_seeds(artifact):
    role = role_from_job_description(
        JD, title=None, weights={"python": 1.0, "pytorch": 0.8, "docker": 0.5}, categories={}
    )
    fits = score_all(
        candidate(STRONG_ML, years_experience=6, seniority="senior", leadership_signals=5),
        [*load_roles(artifact), role],
    )
    assert fits[-1].role == role.id and fits[-1].score > 50


def test_description_without_years_uses_its_level_band():
    role = role_from_job_description(
        "Junior Data Scientist\nPython and SQL.", title=None, weights={}, categories={}
    )
    assert role.level == 1 and role.expected_years == (0, 2)


def test_seed_document_as_a_job_description_matches_its_seed_role():
    """The same builder: a seed document posted as a job description gives that seed's role back."""
    import pytest

    from tests.models.chain import SHARED

    weights_module = pytest.importorskip("taxonomy.weights")
    tagger_module = pytest.importorskip("taxonomy.tagger")
    path = SHARED / "seeds" / "003_749167cce7ae3ca8.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    try:
        tagger = tagger_module.load_tagger()
    except FileNotFoundError:
        pytest.skip("taxonomy artifact not built")
    from models.roles import skill_facts

    text = path.read_text(encoding="utf-8")
    sentences = weights_module.document_sentences(text, tagger)["sentences"]
    categories, parents, names = skill_facts(tagger_module.read_artifact())
    role = role_from_job_description(
        text,
        title="Machine Learning Engineer II",
        sentences=sentences,
        categories=categories,
        parents=parents,
        names=names,
    )
    seed = next(r for r in load_roles() if r.seed == path.stem)
    assert (role.level, role.expected_years, role.education) == (
        seed.level,
        seed.expected_years,
        seed.education,
    )

    def top(r):
        return [req.id for req in r.requirements[:10]]

    # the seed role is the same build plus the manifest's few reviewed corrections
    assert len(set(top(role)) & set(top(seed))) >= 7
    assert all(req.source for req in role.requirements)  # each requirement quotes its sentence


def test_profile_similarity_option(roles):
    import dataclasses

    from models.scoring import DEFAULT

    features = candidate(STRONG_ML, years_experience=3)
    plain = score_all(features, roles)
    shaped = score_all(features, roles, dataclasses.replace(DEFAULT, profile=0.3))
    assert all(0 <= f.score <= 100 for f in shaped)
    assert [f.score for f in plain] != [f.score for f in shaped]
