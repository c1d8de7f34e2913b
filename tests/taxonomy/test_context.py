"""The per-text facts the context rules share: lines, clause cues and section names, each found once."""

from __future__ import annotations

from taxonomy.context import Context

TEXT = (
    "Skills\n"
    "Cloud & DevOps:\n"
    "- Terraform, Kubernetes\n"
    "Languages: Python, Go, SQL\n"
    "Experience\n"
    "Built the ranking service that the search team used, with the owner's approval by the way.\n"
)


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def test_a_line_is_found_once_and_answers_the_list_questions():
    ctx = Context(TEXT, (("skills", 0, at("Experience")[0]), ("experience", at("Experience")[0], len(TEXT))))
    heading = ctx.line(*at("DevOps"))
    assert heading is ctx.line(*at("Cloud"))  # one Line per span of text, shared by its mentions
    assert heading.text == "Cloud & DevOps:"
    assert not heading.short_label  # a label needs something after its colon on the same line
    assert heading.short_heading and heading.above_bullets and not heading.wrapped

    listed = ctx.line(*at("Go"))
    assert listed.text == "Languages: Python, Go, SQL"
    assert listed.short_label and listed.label.group("label") == "Languages"
    assert listed.items_after_label and listed.is_labelled_list and not listed.is_prose
    assert not listed.short_heading and not listed.above_bullets

    bullet = ctx.line(*at("Terraform"))
    assert not bullet.short_heading  # a bullet heads nothing
    assert bullet.has_upper

    prose = ctx.line(*at("ranking"))
    assert prose.is_prose and not prose.is_labelled_list and prose.label is None


def test_clause_cues_and_section_names_are_looked_up_once_and_agree_with_a_fresh_context():
    sections = (("skills", 0, at("Experience")[0]), ("experience", at("Experience")[0], len(TEXT)))
    ctx = Context(TEXT, sections)
    left, right = ctx.clauses.around(*at("ranking"))
    cues = ctx.clause_cues(left, right)
    assert {"relative", "other"} <= cues
    assert ctx.clause_cues(left, right) is cues
    assert Context(TEXT, sections).clause_cues(left, right) == cues
    assert ctx.section_of(at("Python")[0]) == "skills"
    assert ctx.section_of(at("ranking")[0]) == "experience"
    assert ctx.section_of(len(TEXT)) == "other"
