"""Placing candidates on the ladder, the best-fit role, and the next level's gaps."""

from __future__ import annotations

import dataclasses

from models.scoring import place_on_ladder, score_all
from tests.models.factories import STRONG_ML, candidate, skill


def place(features, roles):
    return place_on_ladder(features, score_all(features, roles))


def test_new_graduate_is_entry_level(roles):
    level, best, nxt = place(candidate(STRONG_ML, years_experience=0), roles)
    assert (level, best) == (1, "mle-entry")
    assert nxt["level"] == 2 and nxt["gaps"]


def test_ten_year_technical_leader_is_distinguished(roles):
    features = candidate(
        STRONG_ML,
        years_experience=14,
        highest_degree="phd",
        seniority="principal",
        leadership_signals=10,
        people_managed=5,
    )
    level, best, nxt = place(features, roles)
    assert (level, best) == (5, "distinguished-mle")
    assert nxt == {"level": None, "gaps": []}


def test_senior_with_eight_years_is_level_four(roles):
    features = candidate(
        STRONG_ML, years_experience=8, highest_degree="master", seniority="staff", leadership_signals=7
    )
    level, _, nxt = place(features, roles)
    assert level == 4
    assert nxt["level"] == 5


def test_nothing_fits_an_off_domain_candidate(roles):
    features = candidate((skill("excel"),), years_experience=9, seniority="head", leadership_signals=6)
    level, best, nxt = place(features, roles)
    assert best is None and 1 <= level <= 5
    assert any("Core machine learning" in g for g in nxt["gaps"])


def test_junior_title_keeps_a_career_changer_at_entry(roles):
    features = candidate(STRONG_ML, years_experience=1.0, seniority="junior")
    assert place(features, roles)[0] == 1


def test_relevant_years_stand_in_for_total_years(roles):
    teacher = candidate(STRONG_ML, years_experience=9.0, relevant_years=1.0)
    assert place(teacher, roles)[0] == 1


def test_gaps_name_skills_years_and_leadership(roles):
    features = candidate((skill("python"), skill("scikit-learn")), years_experience=0.5)
    _, _, nxt = place(features, roles)
    text = " ".join(nxt["gaps"])
    assert "years" in text and "Skills for" in text


def test_emerging_leadership_makes_an_engineer_two(roles):
    plain = candidate(STRONG_ML, years_experience=3.0, leadership_signals=1)
    leading = candidate(STRONG_ML, years_experience=3.0, leadership_signals=4)
    assert place(leading, roles)[0] == 3
    assert place(plain, roles)[0] in (2, 3)


def test_adjacent_engineer_keeps_seniority_up_to_mid_or_senior_with_lead_scope(roles):
    """Without the ML core, years count up to Engineer II; leading people makes a senior adjacent engineer."""
    backend = candidate(
        (skill("java"), skill("sql"), skill("aws")),
        years_experience=6.0,
        seniority="senior",
        leadership_signals=3,
    )
    level, best, _ = place(backend, roles)
    assert level == 3 and best is not None
    assert {r.id: r.level for r in roles}[best] == 3  # no ML role really fits: the role at their level
    lead = dataclasses.replace(backend, seniority="lead", people_managed=5, years_experience=9.0)
    assert place(lead, roles)[0] == 4
    veteran = dataclasses.replace(backend, years_experience=12.0)  # a senior title held for a decade
    assert place(veteran, roles)[0] == 4
    fits = score_all(backend, roles)
    assert max(f.score for f in fits) < 45  # adjacent engineers stay low on ML roles


def test_seniority_fit_is_asymmetric():
    from models.seniority import seniority_fit

    assert seniority_fit(3, 3) == 1.0
    assert seniority_fit(4, 5) < 1.0  # a stretch
    assert seniority_fit(4, 2) < seniority_fit(4, 3)  # two levels down is worse than one
    assert seniority_fit(2, 3) < seniority_fit(4, 3)  # one short costs more than one over
    assert 0.85 < seniority_fit(2.5, 2) < 1.0
