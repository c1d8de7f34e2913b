"""Layouts beyond the eval set: dark sidebars, right-aligned dates, word-by-word placement."""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors

from tests.worker.pdf_factory import make_pdf
from worker.extract import extract
from worker.resume import parse_resume

TODAY = date(2026, 11, 30)


def tabular(c):  # type: ignore[no-untyped-def]
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 730, "Priya Natarajan")
    c.setFont("Helvetica", 9)
    c.drawString(72, 716, "priya.n@example.org  •  +1 415 555 0199  •  linkedin.com/in/priyan")
    y = 690
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, y, "WORK EXPERIENCE")
    y -= 18
    for title, org, dates, loc in [
        ("Senior Data Scientist", "Orbital Analytics", "Jan 2021 – Present", "Remote"),
        ("Data Scientist", "Lumen Bank", "Jun 2018 – Dec 2020", "Boston, MA"),
        ("Data Science Intern", "Lumen Bank", "Summer 2017", "Boston, MA"),
    ]:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(72, y, title)
        c.setFont("Helvetica", 10)
        c.drawRightString(540, y, dates)
        y -= 13
        c.setFont("Helvetica-Oblique", 10)
        c.drawString(72, y, org)
        c.drawRightString(540, y, loc)
        y -= 13
        c.setFont("Helvetica", 10)
        for b in [
            "Built churn models in Python and XGBoost that cut attrition by 4% across the retail book.",
            "Managed a team of 3 analysts.",
        ]:
            c.drawString(80, y, "•")
            c.drawString(92, y, b)
            y -= 13
        y -= 6
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, y, "EDUCATION")
    y -= 16
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "MS Statistics, Boston University")
    c.drawRightString(540, y, "2016 – 2018")
    y -= 13
    c.drawString(72, y, "BS Mathematics, UC Davis")
    c.drawRightString(540, y, "2012 – 2016")
    y -= 20
    c.setFont("Helvetica-Bold", 11)
    c.drawString(72, y, "SKILLS")
    y -= 16
    c.setFont("Helvetica", 10)
    c.drawString(72, y, "Python, SQL, XGBoost, Spark, Tableau")


def sidebar(c):  # type: ignore[no-untyped-def]
    c.setFillColor(colors.HexColor("#22303c"))
    c.rect(0, 0, 190, 792, fill=1, stroke=0)
    c.setFillColor(colors.white)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(20, 740, "Tomás Ríos")
    c.setFont("Helvetica", 9)
    y = 715
    for line in [
        "tomas.rios@example.com",
        "(312) 555-0147",
        "github.com/trios",
        "",
        "SKILLS",
        "Python",
        "Kubernetes",
        "Terraform",
        "Go",
        "",
        "EDUCATION",
        "B.Sc. Computer Science",
        "Universidad de Chile",
        "2010 – 2014",
        "",
        "LANGUAGES",
        "Spanish (native)",
        "English (fluent)",
    ]:
        c.drawString(20, y, line)
        y -= 13
    c.setFillColor(colors.black)
    y = 740
    c.setFont("Helvetica-Bold", 12)
    c.drawString(215, y, "PROFILE")
    y -= 15
    c.setFont("Helvetica", 10)
    for line in [
        "Platform engineer with ten years of experience running",
        "Kubernetes clusters and CI/CD for payments companies.",
    ]:
        c.drawString(215, y, line)
        y -= 13
    y -= 8
    c.setFont("Helvetica-Bold", 12)
    c.drawString(215, y, "EXPERIENCE")
    y -= 15
    for t, d in [
        ("Staff Platform Engineer — Pagos SA", "03/2019 – present"),
        ("Site Reliability Engineer — Banco Uno", "01/2015 – 02/2019"),
    ]:
        c.setFont("Helvetica-Bold", 10)
        c.drawString(215, y, t)
        y -= 13
        c.setFont("Helvetica", 9)
        c.drawString(215, y, d)
        y -= 13
        c.setFont("Helvetica", 10)
        for line in [
            "Led 6 engineers building the internal developer platform on",
            "Kubernetes and Terraform; deploys went from weekly to hourly.",
        ]:
            c.drawString(215, y, line)
            y -= 13
        y -= 6


def wordwise(c):  # type: ignore[no-untyped-def]
    # every word placed separately, no space characters (as TeX and some exporters do)
    c.setFont("Times-Roman", 11)
    y = 720
    for line in [
        "Chen Wei",
        "chen.wei@example.com 555-010-7788",
        "Experience",
        "Machine Learning Engineer, Nimbus AI, 2020 - 2024",
        "Trained transformer models for search ranking.",
        "Education",
        "Ph.D. in Computer Science, MIT, 2015 - 2020",
    ]:
        x = 72
        for w in line.split(" "):
            c.drawString(x, y, w)
            x += c.stringWidth(w, "Times-Roman", 11) + 3.2
        y -= 15


def test_right_aligned_dates_stay_on_their_title_line() -> None:
    text = extract(make_pdf(tabular)).text
    assert "Senior Data Scientist Jan 2021 – Present" in text.split("\n")
    resume = parse_resume(text, today=TODAY)
    assert [p.kind for p in resume.positions] == ["full_time", "full_time", "internship"]
    assert resume.years_experience == 8.5
    assert resume.education.highest_degree == "master"
    assert resume.contact.phone == "+1 415 555 0199"
    assert resume.people_managed == 3


def test_white_text_on_a_dark_sidebar_is_read_and_kept_apart() -> None:
    result = extract(make_pdf(sidebar))
    assert result.hidden_chars == 0
    lines = result.text.split("\n")
    assert lines[:4] == ["Tomás Ríos", "tomas.rios@example.com", "(312) 555-0147", "github.com/trios"]
    assert lines.index("SKILLS") < lines.index("PROFILE")
    assert (
        "Platform engineer with ten years of experience running Kubernetes clusters and CI/CD for "
        "payments companies." in lines
    )
    resume = parse_resume(result.text, today=TODAY)
    assert resume.seniority == "staff" and resume.people_managed == 6
    assert resume.education.fields == ("Computer Science",)
    assert "languages" in [s.name for s in resume.sections]


def test_words_placed_one_by_one_get_their_spaces() -> None:
    text = extract(make_pdf(wordwise)).text
    assert "Machine Learning Engineer, Nimbus AI, 2020 - 2024" in text.split("\n")
    resume = parse_resume(text, today=TODAY)
    assert resume.education.highest_degree == "phd"
    assert resume.years_experience == 4.0
