"""Hard to game: repetition earns nothing; shown in work beats a bare list entry."""

from __future__ import annotations

from models.features import leadership_signals
from models.scoring import score_all
from tests.models.factories import candidate, skill


def scores(features, roles):
    return [f.score for f in score_all(features, roles)]


def test_repeating_a_skill_fifty_times_gains_nothing(roles):
    once = candidate((skill("python", mentions=1), skill("pytorch", mentions=1)), years_experience=2)
    fifty = candidate((skill("python", mentions=50), skill("pytorch", mentions=50)), years_experience=2)
    assert scores(once, roles) == scores(fifty, roles)


def test_skill_in_experience_weighs_more_than_skills_list(roles):
    shown = candidate((skill("python", "experience"), skill("pytorch", "experience")), years_experience=2)
    listed = candidate((skill("python", "skills"), skill("pytorch", "skills")), years_experience=2)
    assert all(s > l for s, l in zip(scores(shown, roles), scores(listed, roles)))


def test_listing_it_too_does_not_add_to_experience(roles):
    shown = candidate((skill("python", "experience"),), years_experience=2)
    both = candidate((skill("python", "experience", "skills"),), years_experience=2)
    assert scores(shown, roles) == scores(both, roles)


def test_repeated_leadership_words_count_once():
    once = "Experience\nLed the ranking team."
    many = "Experience\n" + "Led the ranking team. " * 50
    assert leadership_signals(once) == leadership_signals(many) == 1


def test_leadership_only_counts_in_work_sections():
    text = "Education\nLed the chess club.\nExperience\nBuilt models."
    sections = [("education", 0, 30), ("experience", 30, len(text))]
    assert leadership_signals(text, sections) == 0


# The same, through the real chain (extractor's text → parser → tagger → scorer).

BASE = """Jordan Example
jordan@example.com | 555-010-0100

SUMMARY
Machine learning engineer with three years of production experience.

EXPERIENCE
Machine Learning Engineer, Acme Analytics (Jan 2023 – Present)
  * Built demand forecasting models in Python with scikit-learn and deployed them with Docker.
  * Wrote SQL feature pipelines and monitored the models in production.

EDUCATION
B.S. in Computer Science, State University (2018 – 2022)

SKILLS
{skills}
"""


def _chain_scores(text: str) -> list[float]:
    from tests.models.chain import run_text

    return [f.score for f in run_text(text).fits]


def test_chain_repeating_a_listed_skill_gains_nothing():
    once = _chain_scores(BASE.format(skills="Python, scikit-learn, Docker, SQL, PyTorch"))
    fifty = ", ".join(["PyTorch"] * 50)
    stuffed = _chain_scores(BASE.format(skills="Python, scikit-learn, Docker, SQL, " + fifty))
    assert stuffed == once


def test_chain_skill_in_experience_beats_the_same_skill_only_listed():
    used = BASE.replace(
        "deployed them with Docker.", "deployed them with Docker and trained a PyTorch model."
    )
    shown = _chain_scores(used.format(skills="Python, scikit-learn, Docker, SQL"))
    listed = _chain_scores(BASE.format(skills="Python, scikit-learn, Docker, SQL, PyTorch"))
    assert all(s >= l for s, l in zip(shown, listed)) and sum(shown) > sum(listed)
