"""The report keeps hard skills and competencies apart; the scorer weighs competencies as leadership (issues 13, 14)."""

from __future__ import annotations

from datetime import date

from service.pages import report_view
from worker.pipeline import analyze

RESUME = b"""Dana Invented
dana@example.com

EXPERIENCE
Staff Machine Learning Engineer, Northwind Labs (Jan 2016 - Present)
* Mentored six engineers and led a team of eight on the ranking platform.
* Built ranking models in PyTorch and served them on Kubernetes.

SKILLS
Python, PyTorch, Kubernetes, SQL, technical writing
"""


def test_report_lists_competencies_apart_from_skills_and_the_scorer_uses_them():
    report = analyze(RESUME, "dana.txt", today=date(2024, 6, 1)).report
    skills = {s["id"] for s in report["skills"]}
    competencies = {c["id"]: c for c in report["competencies"]}
    assert {"python", "pytorch", "kubernetes", "sql"} <= skills
    assert {"mentoring", "team-leadership", "technical-writing"} <= set(competencies)
    assert not skills & set(competencies)
    assert all(s["kind"] == "skill" for s in report["skills"])
    assert competencies["mentoring"]["kind"] == "competency" and competencies["mentoring"]["evidence"]
    # Competencies are never matched as skills, but the scorer weighs them as leadership evidence.
    assert not {"mentoring", "team leadership"} & {name for fit in report["fits"] for name in fit["matched"]}
    quiet = RESUME.replace(
        b"* Mentored six engineers and led a team of eight on the ranking platform.\n", b""
    )
    without = analyze(quiet, "dana.txt", today=date(2024, 6, 1)).report
    lead = {f["role"]: f["components"]["leadership"] for f in report["fits"]}
    lead_without = {f["role"]: f["components"]["leadership"] for f in without["fits"]}
    assert all(lead[role] >= lead_without[role] for role in lead)
    assert lead["senior-staff-mle"] > lead_without["senior-staff-mle"]  # a level that expects leadership


def test_report_page_shows_competencies_with_their_evidence():
    report = analyze(RESUME, "dana.txt", today=date(2024, 6, 1)).report
    view = report_view(report, role=None)
    assert {c["id"] for c in view["competencies"]} >= {"mentoring", "team-leadership"}
    assert all(
        c["id"] not in {"mentoring"} for skills in dict(view["skills_by_category"]).values() for c in skills
    )


def test_report_template_shows_a_competencies_card_apart_from_skills(app):
    from types import SimpleNamespace

    from flask import render_template

    report = analyze(RESUME, "dana.txt", today=date(2024, 6, 1)).report
    job = SimpleNamespace(id="r-test", status="done", fields={}, error=None, created=0, updated=0)
    with app.test_request_context("/"):
        html = render_template("report.html", job=job, report=report_view(report, role=None), raw=report)
    skills_card = html[html.index('id="skills-title"') : html.index('id="competencies-title"')]
    competencies_card = html[html.index('id="competencies-title"') :]
    name = '<span class="skill-name">{}</span>'.format
    assert name("PyTorch") in skills_card and name("technical writing") not in skills_card
    assert name("technical writing") in competencies_card and "Mentored six engineers" in competencies_card
