"""The fit scorer: range, components, partial credit, evidence weighting, determinism."""

from __future__ import annotations

import dataclasses

from models.components import experience_component
from models.scoring import score_all
from tests.models.factories import STRONG_ML, candidate, skill


def by_role(fits):
    return {f.role: f for f in fits}


def test_every_role_gets_a_bounded_score_with_components(roles):
    fits = score_all(candidate(STRONG_ML, years_experience=3), roles)
    assert [f.role for f in fits] == [r.id for r in roles]
    for f in fits:
        assert 0 <= f.score <= 100
        assert {"skills", "experience", "education", "leadership"} <= set(f.components)
        assert f.explanation.startswith(f"{f.score:.1f}/100")


def test_matched_and_missing_are_display_names(roles):
    fit = by_role(score_all(candidate((skill("pytorch"), skill("python"))), roles))["mle-entry"]
    assert "PyTorch" in fit.matched and "Python" in fit.matched
    assert "scikit-learn" in fit.missing and "machine learning" in fit.missing


def test_related_framework_earns_partial_credit(roles):
    with_tf = candidate((skill("python"), skill("tensorflow")))
    with_torch = candidate((skill("python"), skill("pytorch")))
    neither = candidate((skill("python"),))
    role = [r for r in roles if r.id == "mle-entry"]
    full = score_all(with_torch, role)[0].components["skills_coverage"]
    partial = score_all(with_tf, role)[0].components["skills_coverage"]
    none = score_all(neither, role)[0].components["skills_coverage"]
    # Both ask PyTorch and TensorFlow; each candidate shows one and gets partial credit for the other.
    assert full == partial > none
    assert "for" in score_all(with_tf, role)[0].explanation


def test_more_skills_more_score(roles):
    few = by_role(score_all(candidate((skill("python"),), years_experience=1), roles))
    many = by_role(score_all(candidate(STRONG_ML, years_experience=1), roles))
    assert all(many[r].score > few[r].score for r in many)


def test_no_skills_scores_zero_whatever_the_years(roles):
    fits = score_all(
        candidate(
            (skill("excel"),),
            years_experience=12,
            highest_degree="phd",
            seniority="director",
            people_managed=20,
            leadership_signals=12,
        ),
        roles,
    )
    assert max(f.score for f in fits) < 30


def test_under_qualification_costs_more_than_over_qualification(roles):
    mle2 = next(r for r in roles if r.id == "mle-ii")  # 2-4 years
    under = experience_component(1.0, mle2)  # one year short
    over = experience_component(5.0, mle2)  # one year beyond
    assert under < over < 1.0
    assert experience_component(3.0, mle2) == 1.0


def test_open_ended_role_uses_its_level_band_for_over_qualification(roles):
    production = next(r for r in roles if r.id == "production-mle")  # 2+ years, level 2
    assert experience_component(4.0, production) == 1.0
    assert experience_component(16.0, production) < 1.0


def test_seniority_is_calibrated(roles):
    new_grad = by_role(score_all(candidate(STRONG_ML, years_experience=0), roles))
    veteran = by_role(
        score_all(
            candidate(
                STRONG_ML,
                years_experience=15,
                highest_degree="phd",
                seniority="distinguished",
                leadership_signals=10,
                people_managed=6,
            ),
            roles,
        )
    )
    assert new_grad["mle-entry"].score > new_grad["distinguished-mle"].score + 30
    assert veteran["distinguished-mle"].score > veteran["mle-entry"].score


def test_deterministic(roles):
    features = candidate(STRONG_ML, years_experience=6.5, seniority="senior", leadership_signals=4)
    first = [f.to_dict() for f in score_all(features, roles)]
    assert first == [f.to_dict() for f in score_all(features, roles)]


def test_skill_order_does_not_matter(roles):
    a = candidate(STRONG_ML, years_experience=3)
    b = dataclasses.replace(a, skills=tuple(reversed(STRONG_ML)))
    assert [f.to_dict() for f in score_all(a, roles)] == [f.to_dict() for f in score_all(b, roles)]
