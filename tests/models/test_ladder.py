"""Placing candidates on the ladder, the best-fit role, and the next level's gaps."""

from __future__ import annotations

from models.scoring import place_on_ladder, score_all
from tests.models.factories import STRONG_ML, candidate, skill


def place(features, roles):
    return place_on_ladder(features, score_all(features, roles))


def test_new_graduate_is_entry_level(roles):
    level, best, nxt = place(candidate(STRONG_ML, years_experience=0), roles)
    assert (level, best) == (1, "mle-entry")
    assert nxt["level"] == 2 and nxt["gaps"]


def test_ten_year_technical_leader_is_distinguished(roles):
    features = candidate(STRONG_ML, years_experience=14, highest_degree="phd", seniority="principal",
                         leadership_signals=10, people_managed=5)
    level, best, nxt = place(features, roles)
    assert (level, best) == (5, "distinguished-mle")
    assert nxt == {"level": None, "gaps": []}


def test_senior_with_eight_years_is_level_four(roles):
    features = candidate(STRONG_ML, years_experience=8, highest_degree="master", seniority="staff",
                         leadership_signals=7)
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
