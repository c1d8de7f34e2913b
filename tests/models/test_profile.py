"""The requirement builder: where and how a document states a skill decides its weight, never rarity."""

from __future__ import annotations

from models.profile import (
    NICE,
    REQUIRED,
    STRONG_PLUS,
    Requirement,
    apply_corrections,
    build_requirements,
    how_factor,
    select_part,
    where_weight,
)

CATEGORIES = {
    "python": "programming_language",
    "java": "programming_language",
    "cpp": "programming_language",
    "tensorflow": "ml_framework",
    "pytorch": "ml_framework",
    "keras": "ml_framework",
    "aws": "cloud_platform",
    "azure": "cloud_platform",
    "grafana": "observability",
    "mentoring": "leadership",
    "statistics": "math",
    "docker": "devops",
    "kubernetes": "devops",
}
NAMES = {
    "python": "Python",
    "tensorflow": "TensorFlow",
    "pytorch": "PyTorch",
    "keras": "Keras",
    "aws": "AWS",
    "azure": "Azure",
    "grafana": "Grafana",
    "java": "Java",
    "cpp": "C++",
    "docker": "Docker",
    "kubernetes": "Kubernetes",
}


def row(heading: str, text: str, *skills: str) -> list:
    """A sentence row as `document_sentences` gives it: skills with their offsets in the sentence."""
    return [0, heading, "", text, [[s, max(0, text.lower().find(NAMES.get(s, s).lower()))] for s in skills]]


def by_id(requirements: list[Requirement]) -> dict[str, Requirement]:
    return {r.id: r for r in requirements}


def test_requirements_outweigh_passing_mentions_and_rarity_plays_no_part():
    reqs = by_id(
        build_requirements(
            [
                row("Requirements", "Proficiency in Python is essential.", "python"),
                row("Industry Trends", "Teams increasingly use Grafana dashboards.", "grafana"),
                row("Salary Ranges", "Python engineers earn more.", "python"),
            ],
            CATEGORIES,
            NAMES,
        )
    )
    assert (
        reqs["python"].importance == REQUIRED
        and reqs["python"].source == "Proficiency in Python is essential."
    )
    assert "grafana" not in reqs or reqs["grafana"].weight < 0.35  # a passing mention is no requirement


def test_a_named_family_becomes_one_requirement_any_member_meets():
    reqs = by_id(
        build_requirements(
            [
                row(
                    "Technical Skills",
                    "Experience with deep learning frameworks like TensorFlow, PyTorch, Keras.",
                    "tensorflow",
                    "pytorch",
                    "keras",
                ),
                row(
                    "Technical Skills",
                    "Proficiency in at least one cloud platform (AWS, Azure).",
                    "aws",
                    "azure",
                ),
            ],
            CATEGORIES,
            NAMES,
        )
    )
    frameworks = reqs["family:dl-framework"]
    assert set(frameworks.skills) == {"tensorflow", "pytorch", "keras"}
    assert frameworks.label.startswith("a deep learning framework (")
    assert reqs["family:cloud"].importance == REQUIRED and "tensorflow" not in reqs


def test_weak_words_lower_importance_clause_by_clause():
    assert how_factor("Proficiency in Python; knowledge of Java beneficial", 15) == 1.0
    assert how_factor("Proficiency in Python; knowledge of Java beneficial", 37) < 0.6
    reqs = by_id(
        build_requirements(
            [row("Requirements", "Familiarity with Java can be beneficial.", "java")], CATEGORIES, NAMES
        )
    )
    assert reqs["java"].importance in (STRONG_PLUS, NICE) and reqs["java"].weight < 0.6


def test_degree_fields_and_leadership_words_are_not_skill_requirements():
    reqs = by_id(
        build_requirements(
            [
                row("Requirements", "Bachelor's degree in statistics or a related field.", "statistics"),
                row("Requirements", "Strong mentoring of junior engineers.", "mentoring"),
            ],
            CATEGORIES,
            NAMES,
        )
    )
    assert "mentoring" not in reqs  # leadership is its own part of the score
    assert "statistics" not in reqs or reqs["statistics"].weight < 0.35


def test_sections_are_weighed_by_their_headings():
    assert where_weight("Key Skills Required") == 1.0
    assert where_weight("Core Responsibilities") > where_weight("Recommended Technologies and Tools to Learn")
    assert where_weight("Salary Ranges (US Market, 2024)") == 0.0
    assert where_weight("Additional Desirable Qualifications") < where_weight("Qualifications")


def test_a_part_of_a_document_and_reviewed_corrections():
    document = {
        "headings": [[0, "Overview"], [100, "On Being a Senior Engineer"], [200, "GPT Prompts"]],
        "sentences": [
            [10, "Overview", "", "Python.", [["python", 0]]],
            [150, "On Being a Senior Engineer", "", "Docker.", [["docker", 0]]],
            [250, "GPT Prompts", "", "AWS.", [["aws", 0]]],
        ],
    }
    assert [r[0] for r in select_part(document, "On Being a Senior", "GPT Prompts")] == [150]
    assert [r[0] for r in select_part(document, None, "On Being a Senior")] == [10]
    reqs = build_requirements(select_part(document, None, None), CATEGORIES, NAMES)
    fixed = by_id(
        apply_corrections(
            reqs,
            {
                "drop": ["docker"],
                "importance": {"python": NICE},
                "add": [{"id": "kubernetes", "importance": REQUIRED}],
            },
            NAMES,
        )
    )
    assert "docker" not in fixed and fixed["python"].importance == NICE
    assert fixed["kubernetes"].importance == REQUIRED and fixed["kubernetes"].label == "Kubernetes"


def test_same_sentences_same_requirements():
    rows = [
        row("Requirements", "Experience with TensorFlow, PyTorch and AWS.", "tensorflow", "pytorch", "aws")
    ]
    assert build_requirements(rows, CATEGORIES, NAMES) == build_requirements(list(rows), CATEGORIES, NAMES)
