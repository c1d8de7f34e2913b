"""Years, degree and level read from job-description text; salary bands are not requirements."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.requirements import degree_required, infer_level, level_from_title, years_required

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements\n- 3+ years of experience building ML systems", (3.0, None)),
        ("- 2-4 years of relevant work experience in software engineering", (2.0, 4.0)),
        ("- Five years of professional experience in Python", (5.0, None)),
        ("- Entry-Level (0-2 years): $96,000\n- Mid-Level (3-6 years): $140,000", None),
        ("Job postings increased 9.8 times over the last five years.", None),
        ("- 10+ years in designing data-intensive systems\n- 5+ years building ML systems", (10.0, None)),
        ("We are a team of 40 engineers with 12 years of history.", None),
    ],
)
def test_years_required(text, expected):
    assert years_required(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bachelor's degree in Computer Science (minimum)\nMaster's or Ph.D. preferred", "bachelor"),
        ("MS or PhD in Computer Science required", "master"),
        ("A PhD in machine learning is a plus", "phd"),
        ("Strong Python and SQL", "none"),
    ],
)
def test_degree_required(text, expected):
    assert degree_required(text) == expected


@pytest.mark.parametrize(
    ("title", "years", "level"),
    [
        ("Junior Machine Learning Engineer", None, 1),
        ("Machine Learning Engineer II", (2.0, 4.0), 3),
        ("Senior ML Engineer", (5.0, None), 4),
        ("Staff Machine Learning Engineer", None, 4),
        ("Principal Machine Learning Engineer", None, 5),
        ("Machine Learning Engineer", (10.0, None), 5),
        ("Machine Learning Engineer", (3.0, None), 3),
        ("Machine Learning Engineer", None, 2),
    ],
)
def test_infer_level(title, years, level):
    assert infer_level(title, years) == level


def test_title_words():
    assert level_from_title("Data Scientist") is None
    assert level_from_title("Lead ML Engineer") == 4


def test_seed_documents_read_like_the_manifest_says():
    """The JD builder's readings of the seeds: right where a document states years, silent where not."""
    read = {p.stem[:3]: years_required(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    assert read["002"] == (2.0, None)
    assert read["003"] == (2.0, 4.0)
    assert read["004"][0] == 10.0  # "10-15 years" and "10+ years"; the 6+ and 5+ lines are parts
    assert read["000"] is None  # only salary bands and market figures
