"""Fair: name, gender, pronouns, age, photo, address, nationality and marital status never enter a score.

Counterfactual tests: the same resume with those details changed gives identical fits, ladder level,
best fit and next-level gaps, through the real chain and through the worker's pipeline.
"""

from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import pytest

from models.features import CandidateFeatures, features_from, leadership_signals
from tests.models.chain import EVAL, run_text

# The scorer's inputs, reviewed: adding a field means reviewing it for fairness first.
ALLOWED_FEATURES = {
    "skills",
    "years_experience",
    "highest_degree",
    "degree_in_progress",
    "titles",
    "seniority",
    "people_managed",
    "leadership_signals",
    "relevant_years",
    "stated_years",
}


def test_features_hold_nothing_personal():
    assert {f.name for f in dataclasses.fields(CandidateFeatures)} == ALLOWED_FEATURES


def _parsed(contact: dict) -> SimpleNamespace:
    return SimpleNamespace(
        sections=[SimpleNamespace(name="experience", start=0, end=40)],
        contact=SimpleNamespace(**contact),
        positions=[],
        years_experience=4.0,
        education=SimpleNamespace(highest_degree="master", fields=["cs"], in_progress=None),
        titles=["Machine Learning Engineer"],
        seniority=None,
        people_managed=0,
    )


def test_features_ignore_the_contact_block():
    skill = SimpleNamespace(
        id="python", category="programming_language", parent=None, mentions=2, sections=["experience"]
    )
    a = features_from(
        _parsed({"name": "Anna Kowalska", "email": "anna@example.com", "phone": "1"}),
        [skill],
        "Led the ranking team and mentored two engineers.",
    )
    b = features_from(
        _parsed({"name": "Kwame Mensah", "email": "kwame@example.com", "phone": "2"}),
        [skill],
        "Led the ranking team and mentored two engineers.",
    )
    assert a == b


PERSONAL = {
    "name": ("Mateo Lindqvist", "Aisha Okonkwo"),
    "gender": ("Gender: male", "Gender: female"),
    "pronouns": ("Pronouns: he/him", "Pronouns: they/them"),
    "birth": ("Date of birth: 14 March 1961", "Date of birth: 2 July 2001"),
    "age": ("Age: 64", "Age: 24"),
    "address": ("221 Lakeview Drive, Madison, WI 53703", "Flat 4, 18 Mill Road, Leeds LS6 2AB, UK"),
    "nationality": ("Nationality: Swedish", "Nationality: Nigerian"),
    "marital": ("Marital status: married, two children", "Marital status: single"),
    "photo": ("Photo: attached", "Photo: none"),
}
SUBJECT = {"pronouns": ("He", "They")}


def render(src: dict, choice: dict[str, int]) -> str:
    """A resume as plain text with a personal-details header (choice: 0 or 1 per detail)."""
    pick = {k: v[choice.get(k, 0)] for k, v in PERSONAL.items()}
    name = pick["name"]
    handle = name.lower().replace(" ", ".")
    lines = [
        name,
        f"{pick['address']} | {handle}@example.com | 555-010-0199",
        " | ".join(
            pick[k] for k in ("gender", "pronouns", "birth", "age", "nationality", "marital", "photo")
        ),
        "",
    ]
    subject = SUBJECT["pronouns"][choice.get("pronouns", 0)]
    for s in src["sections"]:
        lines += [s["heading"].upper(), "-" * len(s["heading"])]
        if "text" in s:
            lines += s["text"].split("\n")
            if s is src["sections"][0]:
                verb = "are" if subject == "They" else "is"
                lines.append(f"{subject} {verb} known for clear documentation.")
        for item in s.get("items", []):
            head = ", ".join(x for x in (item.get("title"), item.get("org")) if x)
            lines.append(head + (f" ({item['dates']})" if item.get("dates") else ""))
            lines += [f"  * {b}" for b in item.get("bullets", [])]
        lines.append("")
    return "\n".join(lines)


def test_leadership_signals_ignore_personal_details():
    src = json.loads((EVAL / "src" / "d07.json").read_text(encoding="utf-8"))
    base = leadership_signals(render(src, {}))
    for detail in PERSONAL:
        assert leadership_signals(render(src, {detail: 1})) == base, detail


RESUMES = ("d01", "d05", "d07", "d10", "d13", "d15")


def _scores(outcome) -> tuple:
    return ([f.to_dict() for f in outcome.fits], outcome.ladder, outcome.best_fit, outcome.next_level)


@pytest.mark.parametrize("resume", RESUMES)
def test_counterfactual_chain(resume):
    src = json.loads((EVAL / "src" / f"{resume}.json").read_text(encoding="utf-8"))
    base = _scores(run_text(render(src, {})))
    for detail in PERSONAL:
        assert _scores(run_text(render(src, {detail: 1}))) == base, detail
    everything = {k: 1 for k in PERSONAL}
    assert _scores(run_text(render(src, everything))) == base


@pytest.mark.parametrize("resume", ("d02", "d08", "d11"))
def test_counterfactual_pipeline(resume):
    from worker import pipeline

    src = json.loads((EVAL / "src" / f"{resume}.json").read_text(encoding="utf-8"))

    def scored(text: str) -> tuple:
        report = pipeline.analyze(text.encode("utf-8"), "cv.txt").report
        return (report["fits"], report["ladder_level"], report["best_fit"], report["next_level"])

    base = scored(render(src, {}))
    assert scored(render(src, {k: 1 for k in PERSONAL})) == base
    for detail in ("name", "pronouns", "birth", "nationality"):
        assert scored(render(src, {detail: 1})) == base, detail
