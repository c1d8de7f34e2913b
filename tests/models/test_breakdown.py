"""Scores that add up, explanations that name gains and losses, and placement that says why (shipped roles)."""

from __future__ import annotations

from datetime import date

import pytest

from models.ladder import placement
from models.roles import load_roles
from models.scoring import score_all
from tests.models.factories import STRONG_ML, candidate, skill

SHIPPED = load_roles()
BACKEND = (skill("java"), skill("sql"), skill("aws"), skill("spark"), skill("git"))
CANDIDATES = {
    "graduate": candidate(STRONG_ML, years_experience=0.0),
    "mid": candidate(STRONG_ML, years_experience=3.5, leadership_signals=4),
    "staff": candidate(
        STRONG_ML,
        years_experience=8.0,
        seniority="staff",
        leadership_signals=8,
        people_managed=4,
        titles=("Staff Machine Learning Engineer",),
    ),
    "professor": candidate(
        STRONG_ML,
        years_experience=14.0,
        highest_degree="phd",
        leadership_signals=6,
        titles=("Associate Professor of Computer Science",),
    ),
    "backend": candidate(BACKEND, years_experience=7.0, seniority="senior", leadership_signals=2),
    "nothing": candidate((), years_experience=9.0),
}


def test_five_levels_one_senior_staff_role():
    assert sorted({r.level for r in SHIPPED}) == [1, 2, 3, 4, 5]
    senior = [r for r in SHIPPED if r.level == 4]
    assert [r.id for r in senior] == ["senior-staff-mle"]
    assert senior[0].seed == "001_426c7b7afe3bcfac" and senior[0].expected_years == (5.0, 10.0)


@pytest.mark.parametrize("name", sorted(CANDIDATES))
def test_parts_add_up_to_the_score_shown(name):
    for fit in score_all(CANDIDATES[name], SHIPPED):
        parts = fit.to_dict()["breakdown"]["parts"]
        assert [p["name"] for p in parts] == ["skills", "level", "experience", "leadership", "education"]
        assert abs(sum(p["weight"] for p in parts) - 1.0) < 1e-6
        assert round(sum(p["contribution"] for p in parts), 1) == fit.score
        for p in parts:
            assert 0 <= p["contribution"] <= p["possible"] + 1e-9 and 0 <= p["value"] <= 1
        assert fit.explanation.startswith(f"{fit.score:.1f}/100")
        assert " = skills " in fit.explanation


def test_explanation_names_the_largest_gains_and_losses():
    fit = next(f for f in score_all(CANDIDATES["graduate"], SHIPPED) if f.role == "distinguished-mle")
    assert "Largest gains: skills" in fit.explanation
    assert (
        "Largest losses:" in fit.explanation and "experience" in fit.explanation.split("Largest losses:")[1]
    )


def test_a_strong_staff_engineer_fits_the_senior_staff_role_best():
    fits = {f.role: f for f in score_all(CANDIDATES["staff"], SHIPPED)}
    placed = placement(CANDIDATES["staff"], list(fits.values()))
    assert placed.level == 4 and placed.best_fit == "senior-staff-mle"
    assert fits["senior-staff-mle"].score >= 75 > fits["mle-entry"].score


def test_without_the_ml_core_other_parts_count_in_proportion_and_scores_stay_low():
    fits = score_all(CANDIDATES["backend"], SHIPPED)
    assert all(f.score < 45 and f.gate < 1 for f in fits)
    assert all("count at" in f.explanation for f in fits)
    assert max(f.score for f in score_all(CANDIDATES["nothing"], SHIPPED)) < 30


def test_placement_says_what_placed_it_and_how_the_best_fit_relates():
    fits = score_all(CANDIDATES["professor"], SHIPPED)
    placed = placement(CANDIDATES["professor"], fits, as_of=date(2025, 8, 1))
    assert placed.level == 5
    evidence = " ".join(placed.evidence)
    assert "14.0 relevant years" in evidence and "as of 2025-08" in evidence and "professor" in evidence
    best_level = next(f.level for f in fits if f.role == placed.best_fit)
    assert abs(best_level - placed.level) <= 1 or placed.best_fit_note
    assert set(placed.to_dict()) >= {"level", "evidence", "best_fit", "best_fit_note"}


def test_next_level_gaps_name_the_next_roles_requirements():
    fits = score_all(CANDIDATES["mid"], SHIPPED)
    placed = placement(CANDIDATES["mid"], fits)
    assert placed.level == 3 and placed.next_level["level"] == 4
    skills_gap = next(g for g in placed.next_level["gaps"] if g.startswith("Skills for"))
    assert "Senior/Staff Machine Learning Engineer (level 4)" in skills_gap
    senior = next(r for r in SHIPPED if r.level == 4)
    labels = {r.label for r in senior.requirements}
    named = skills_gap.split(": ", 1)[1].rstrip(".").split(", ")
    assert named and all(any(n in label or label.startswith(n) for label in labels) for n in named[:1])


def test_scoring_is_deterministic():
    features = CANDIDATES["mid"]
    assert [f.to_dict() for f in score_all(features, SHIPPED)] == [
        f.to_dict() for f in score_all(features, SHIPPED)
    ]


def test_stated_years_stand_in_only_when_the_dated_history_was_unread():
    from types import SimpleNamespace

    from models.features import features_from

    def parsed(warnings):
        return SimpleNamespace(
            sections=[],
            positions=[],
            years_experience=1.0,
            titles=[],
            seniority=None,
            people_managed=0,
            education=SimpleNamespace(highest_degree="bachelor", in_progress=None, fields=[]),
            warnings=warnings,
        )

    unread = features_from(parsed([{"code": "work_history_unread"}]), [], "", stated_years=10.0)
    read = features_from(parsed([]), [], "", stated_years=10.0)
    assert unread.working_years == 10.0 and read.working_years == 1.0
    fits = score_all(unread, SHIPPED)
    assert "as the resume states them" in placement(unread, fits).evidence[0]


def test_a_practice_is_shown_through_its_tools():
    from models.components import THROUGH_CREDIT, credit_skills
    from models.features import SkillEvidence

    senior = next(r for r in SHIPPED if r.id == "senior-staff-mle")
    jax = SkillEvidence(id="jax", category="ml_framework", parent=None, mentions=1, sections=("experience",))
    credits = {c.skill: c for c in credit_skills(candidate((jax, skill("spark"))), senior)}
    assert credits["deep-learning"].via == "jax" and credits["deep-learning"].credit == THROUGH_CREDIT
    assert credits["data-pipelines"].kind == "none"  # the fixture's Spark is no data platform
    bare = {c.skill: c for c in credit_skills(candidate((skill("python"),)), senior)}
    assert bare["deep-learning"].credit == 0.0
