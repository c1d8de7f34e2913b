"""Real resumes read right: the resume's own date, the date forms and layouts real resumes use,
Markdown and HTML in, and a parse that stays linear. Every document here is invented."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest

from common.errors import ResumeError
from common.sniff import sniff_type
from tests.worker.pdf_factory import make_pdf, text_lines
from worker.extract import extract
from worker.pipeline import analyze
from worker.resume import ParseTimeout, parse_resume
from worker.resume.dates import find_ranges

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Senior Machine Learning Engineer, Acme Corp Feb’19 – Present", date(2019, 2, 1), None),
        ("Data Engineer Aug'21 - Dec'22", date(2021, 8, 1), date(2022, 12, 31)),
        ("Analyst 02/2020-today", date(2020, 2, 1), None),
        ("Developer 06/15 - Now", date(2015, 6, 1), None),
        ("Engineer Jan 2018 - Till Date", date(2018, 1, 1), None),
        ("Engineer March 2020 – current", date(2020, 3, 1), None),
        ("Engineer May 2020 to ongoing", date(2020, 5, 1), None),
        ("Lead 2021 (April) - PRESENT", date(2021, 4, 1), None),
        ("DevOps Engineer | 11/01/2022 – present", date(2022, 11, 1), None),
        ("Consultant 2022-01-15 – 2023-03-01", date(2022, 1, 1), date(2023, 3, 31)),
        ("Assistant Professor 2016 -", date(2016, 7, 1), None),
        ("Faculty Affiliate (2018-)", date(2018, 7, 1), None),
        ("Musician Summer 2014 – Present", date(2014, 6, 1), None),
        ("Engineer 2019 to 2021", date(2019, 7, 1), date(2021, 7, 1)),
        ("Engineer Sep 2019 — Jun 2021", date(2019, 9, 1), date(2021, 6, 30)),
    ],
)
def test_date_forms_of_real_resumes(text: str, start: date, end: date | None) -> None:
    found = find_ranges(text, TODAY)
    assert [(r.start, r.end) for r in found] == [(start, end)]


ROLE_2019 = """Dana Whitfield
dana@example.org

EXPERIENCE
Senior Machine Learning Engineer, Acme Corp          Feb 2019 – Present
• Built the ranking service.

EDUCATION
B.S. Computer Science, State University, 2018
"""


def test_present_means_the_files_own_date() -> None:
    stamps = [("pdf_creation_date", date(2021, 2, 1))]
    resume = parse_resume(ROLE_2019, today=TODAY, stamps=stamps)
    assert resume.as_of == date(2021, 2, 1) and resume.as_of_source == "pdf_creation_date"
    assert resume.years_experience == pytest.approx(2.0, abs=0.1)


def test_a_stamp_older_than_the_texts_dates_is_a_templates_date() -> None:
    # Created from a 2015 template, edited since: the stale stamp is not the resume's date.
    resume = parse_resume(ROLE_2019, today=TODAY, stamps=[("docx_created", date(2015, 3, 1))])
    assert resume.as_of != date(2015, 3, 1)
    # Nothing is written after "Feb 2019 – Present": the resume is taken as current, not as of Feb 2019.
    assert (resume.as_of, resume.as_of_source) == (TODAY, "today")
    dated = parse_resume(
        ROLE_2019 + "\nAWARDS\nBest Paper, March 2021\n",
        today=TODAY,
        stamps=[("docx_created", date(2015, 3, 1))],
    )
    assert (dated.as_of, dated.as_of_source) == (date(2021, 3, 31), "text")  # a later date written in it


def test_a_current_role_alone_reads_as_a_current_resume_unless_a_date_lies_ahead() -> None:
    only_role = "Kim Osei\nEXPERIENCE\nStaff Engineer, Northwind Labs, Jan 2016 – Present\n"
    resume = parse_resume(only_role, today=TODAY, stamps=[])
    assert (resume.as_of, resume.as_of_source) == (TODAY, "today")
    assert resume.years_experience == pytest.approx(10.9, abs=0.1)  # not 0 years for a role held since 2016
    student = (
        "Lee Park\nEDUCATION\nM.S. Computer Science, Lakeside University, expected May 2025\n"
        "EXPERIENCE\nResearch Assistant, Lakeside University, Sep 2023 – Present\n"
    )
    dated = parse_resume(student, today=TODAY, stamps=[])
    assert dated.as_of_source == "text" and dated.as_of < date(2025, 5, 1)  # it predates the graduation
    assert dated.education.highest_degree != "master"


def test_earliest_stamp_the_text_does_not_contradict() -> None:
    text = ROLE_2019.replace("Feb 2019 – Present", "Feb 2019 – Present\nCertified, April 2025")
    stamps = [("docx_created", date(2024, 1, 2)), ("docx_modified", date(2025, 4, 10))]
    resume = parse_resume(text, today=TODAY, stamps=stamps)
    assert (resume.as_of, resume.as_of_source) == (date(2025, 4, 10), "docx_modified")


def test_without_a_stamp_the_latest_date_in_the_text_and_the_stated_years() -> None:
    text = "Sam Okafor\nSUMMARY\nAnalyst with 3.5 years of experience.\nEXPERIENCE\n• July 2022 - Present: Analyst, Corp\n"
    resume = parse_resume(text, today=TODAY, stamps=[])
    assert resume.as_of_source == "text"
    assert resume.years_experience == pytest.approx(3.5, abs=0.1)


def test_a_given_date_overrides_and_never_passes_today() -> None:
    resume = parse_resume(ROLE_2019, today=TODAY, as_of=date(2020, 2, 1), stamps=[])
    assert (resume.as_of, resume.as_of_source) == (date(2020, 2, 1), "given")
    assert parse_resume(ROLE_2019, today=TODAY, as_of=date(2030, 1, 1)).as_of == TODAY


def test_entries_whatever_the_layout_and_what_counts_as_work() -> None:
    text = """Ana Ruiz
3. ACADEMIC APPOINTMENTS
2018–2022 Lecturer, Northfield University
2022–today Senior Lecturer, Northfield University
2012–2014 Doctoral Fellowship, National Science Council
4. HIGHER EDUCATION
2010–2014 PhD, Computer Science, Lakeside University
2013 Visiting Fellow, Harbour Institute (hosted by A. Smith)
2014–2016 Postdoctoral Fellow, Lakeside University
"""
    resume = parse_resume(text, today=TODAY, stamps=[("pdf_creation_date", date(2024, 7, 1))])
    kinds = {p.title.split(",")[0]: p.kind for p in resume.positions}
    assert kinds["Postdoctoral Fellow"] == "full_time"  # postdocs are work
    assert kinds["Doctoral Fellowship"] == "research"  # a PhD fellowship is not
    assert resume.years_experience == pytest.approx(8.0, abs=0.1)  # mid-2014 to July 2024
    assert resume.research_years > 0
    assert resume.education.highest_degree == "phd"


def test_role_bullets_concurrent_roles_breaks_and_study_time() -> None:
    text = """Lee Park
EDUCATION
B.Sc. Computer Science, Harbour University, Sep 2015 – May 2019
WORK EXPERIENCE
• Software Engineer, Kelp Labs (Jan 2018 – Dec 2021)
• Data Engineer, Moss Co (Jan 2020 – Dec 2022)
Career Break
Jan 2023 – Present
"""
    resume = parse_resume(text, today=TODAY, stamps=[("pdf_creation_date", date(2024, 1, 5))])
    assert [p.kind for p in resume.positions].count("career_break") == 1
    # Jun 2019 (after the degree) to Dec 2022, overlapping roles once, the break not counted
    assert resume.years_experience == pytest.approx(3.6, abs=0.1)


def test_reportlab_pdf_creation_date_is_the_resumes_date() -> None:
    lines = ["Dana Whitfield", "EXPERIENCE", "Machine Learning Engineer, Acme Corp   Feb 2019 - Present"]
    data = make_pdf(text_lines(lines)).replace(b"D:20000101000000", b"D:20210201000000")
    report = analyze(data, "cv.pdf", today=TODAY).report
    assert report["candidate"]["as_of"] == "2021-02-01"
    assert report["candidate"]["as_of_source"] == "pdf_creation_date"
    assert report["candidate"]["years_experience"] == pytest.approx(2.0, abs=0.1)
    given = analyze(data, "cv.pdf", today=TODAY, as_of=date(2020, 2, 1)).report["candidate"]
    assert (given["as_of"], given["as_of_source"], given["years_experience"]) == ("2020-02-01", "given", 1.0)


def test_docx_core_properties_are_the_resumes_date() -> None:
    from docx import Document

    doc = Document()
    for line in ROLE_2019.splitlines():
        doc.add_paragraph(line)
    doc.core_properties.created = datetime(2022, 2, 14, 9, 0)
    doc.core_properties.modified = datetime(2023, 5, 1, 9, 0)
    buf = io.BytesIO()
    doc.save(buf)
    extracted = extract(buf.getvalue(), filename="cv.docx")
    assert extracted.stamps == [("docx_created", date(2022, 2, 14)), ("docx_modified", date(2023, 5, 1))]
    candidate = analyze(buf.getvalue(), "cv.docx", today=TODAY).report["candidate"]
    assert (candidate["as_of"], candidate["as_of_source"]) == ("2022-02-14", "docx_created")
    assert candidate["years_experience"] == pytest.approx(3.0, abs=0.1)


MARKDOWN = """---
layout: archive
title: "CV"
---
{% include base_path %}

## Work experience

### Senior Data Scientist | Tidewater Analytics
**October 2020 — Present**

* Built demand forecasts in **Python** and SQL.

### Data Scientist | Quarry Labs
**June 2017 — September 2020**

## Education

| Degree | Field | School | Year |
|--|--|--|--|
| M.Sc. | Statistics | Westbrook University | 2017 |
"""


def test_markdown_resume_through_the_pipeline_even_when_sent_as_text() -> None:
    data = MARKDOWN.encode()
    assert sniff_type(data, filename="cv.txt") == "md"
    report = analyze(data, "cv.txt", today=TODAY).report
    assert report["file"]["type"] == "md"
    candidate = report["candidate"]
    assert candidate["titles"][:2] == ["Senior Data Scientist", "Data Scientist"]
    assert candidate["highest_degree"] == "master"
    assert candidate["as_of_source"] == "today"  # no date after "October 2020 — Present": a current resume
    assert candidate["years_experience"] == pytest.approx(9.4, abs=0.1)  # June 2017 to Nov 2026
    assert "{%" not in analyze(data, "cv.md", today=TODAY).extracted.text


def test_html_resume_through_the_pipeline() -> None:
    html = """<!DOCTYPE html><html><head><title>CV</title><style>h2{color:red}</style></head><body>
    <h1>Rosa Lind</h1><h2>Experience</h2>
    <table><tr><td>Machine Learning Engineer, Fernway</td><td>Mar 2021 – Present</td></tr></table>
    <h2>Education</h2><ul><li>Ph.D. in Computer Science, Eastmoor University, 2020</li></ul>
    <script>var x = "Jan 1999 - Present";</script></body></html>"""
    data = html.encode()
    assert sniff_type(data, filename="resume") == "html"
    result = analyze(data, "cv.html", today=TODAY, as_of=date(2024, 3, 1))
    assert "color:red" not in result.extracted.text and "1999" not in result.extracted.text
    assert result.report["file"]["type"] == "html"
    assert result.report["candidate"]["titles"] == ["Machine Learning Engineer"]
    assert result.report["candidate"]["highest_degree"] == "phd"
    assert result.report["candidate"]["years_experience"] == pytest.approx(3.0, abs=0.1)


def test_plain_text_with_underlined_headings_stays_text() -> None:
    assert sniff_type(b"Jo Doe\n\nSUMMARY\n-------\nEngineer.\n\nSKILLS\n------\nPython\n") == "txt"


def _wall_of_year_ranges(size: int) -> str:
    lines: list[str] = ["Jane Doe", "EXPERIENCE"]
    length = 20
    while length < size:
        year = 1960 + len(lines) % 60
        lines.append(f"{year} - {year + 1} Engineer {year}")
        length += len(lines[-1]) + 1
    return "\n".join(lines)


@pytest.mark.timeout(60)
def test_a_wall_of_year_ranges_is_parsed_linearly_and_capped() -> None:
    """A 195 KB text of year ranges (22 s before: quadratic) gives a capped report; no timing asserted."""
    result = analyze(_wall_of_year_ranges(195_000).encode(), "dates.txt", today=TODAY)
    assert len(result.parsed.positions) <= 80
    assert result.report["candidate"]["years_experience"] <= 67
    bare = "".join(f"{1990 + i % 30} - {1991 + i % 30}\n" for i in range(16_000))  # 192 KB, no titles
    assert parse_resume(bare, today=TODAY, stamps=[]).positions == ()


def test_a_parse_past_its_budget_fails_with_timeout() -> None:
    with pytest.raises(ParseTimeout):
        parse_resume(_wall_of_year_ranges(5_000), today=TODAY, deadline=0.0)
    with pytest.raises(ResumeError) as failure:
        analyze(_wall_of_year_ranges(5_000).encode(), "dates.txt", today=TODAY, parse_budget_s=-1.0)
    assert failure.value.code == "timeout"


@pytest.mark.parametrize(
    "header, name",
    [
        ("Employment History\nJane Roe", "Jane Roe"),  # a heading is never a name
        ("Minor in Computer Science", None),  # nor a degree's part
        ("Predictive Modeling | Python", None),  # nor a skill
        ("San Francisco, CA", None),  # nor a city
        ("Ph.D. in Computer Science", None),
        ("Emma Juvenal: Murray, UT 801-555-0100", "Emma Juvenal"),
        ("Jane Roe\nSan Francisco, CA", "Jane Roe"),
    ],
)
def test_a_name_is_right_or_empty(header: str, name: str | None) -> None:
    from worker.resume.contact import find_name

    assert find_name(header) == name


def test_a_phone_is_never_a_date_range_and_titles_are_titles() -> None:
    text = """Kai Moreno
Work Experience
Designation: IT Recruiter.
Duration: 04.2023 - 11.2023
Data Engineer • Frontier Telecom          Jul 2023 – Nov 2024
"""
    resume = parse_resume(text, today=TODAY, stamps=[])
    assert resume.contact.phone is None
    assert list(resume.titles) == ["IT Recruiter", "Data Engineer"]
    assert resume.positions[1].org == "Frontier Telecom"


def test_dates_set_in_a_column_of_their_own_are_paired_with_the_entries() -> None:
    text = """Robin Vale
02/2021–present
03/2018–01/2021
06/2016–02/2018
Experience
Principal Data Scientist, Orchard Bio
- Led the forecasting platform.
Data Scientist, Heron Health
Data Science Co-Op, Basalt Labs
"""
    resume = parse_resume(text, today=TODAY, stamps=[("pdf_creation_date", date(2024, 2, 1))])
    assert [(p.title, p.kind) for p in resume.positions] == [
        ("Principal Data Scientist", "full_time"),
        ("Data Scientist", "full_time"),
        ("Data Science Co-Op", "internship"),
    ]
    assert resume.years_experience == pytest.approx(5.9, abs=0.1)  # Mar 2018 to Feb 2024


@pytest.mark.parametrize(
    "education, degree, fields, in_progress",
    [
        ("DPhil in Statistics, Oxbridge University, 2015", "phd", ["Statistics"], None),
        ("Doctor of Philosophy, Computer Science, 2012", "phd", ["Computer Science"], None),
        ("Dr.-Ing. Maschinenbau, Technische Hochschule, 2010", "phd", ["Maschinenbau"], None),
        ("Doctorado en Informática, Universidad del Sur, 2014", "phd", [], None),
        ("Bachelor of Science in Computer Science Mar 2019", "bachelor", ["Computer Science"], None),
        ("M.S. in Data Science | GPA: 3.79 | 2021", "master", ["Data Science"], None),
        (
            "Syracuse University Aug 2024 - May 2026\nMaster of Science (M.S), Computer Science",
            "none",
            [],
            "master",
        ),
        ("B.Tech Computer Science, expected May 2027", "none", [], "bachelor"),
        (
            "Brooklyn College — Master of Fine Arts, Media Arts\nDropped out to allow more time for gigs.",
            "none",
            [],
            None,
        ),
    ],
)
def test_degrees_completed_as_of_the_resumes_date(
    education: str, degree: str, fields: list[str], in_progress: str | None
) -> None:
    resume = parse_resume(f"Lee Chan\nEDUCATION\n{education}\n", today=TODAY, as_of=date(2025, 1, 1))
    assert resume.education.highest_degree == degree
    assert list(resume.education.fields) == fields
    assert resume.education.in_progress == in_progress


def test_dates_in_a_word_table_and_the_next_line() -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Noor Haddad")
    doc.add_paragraph("EXPERIENCE")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Machine Learning Engineer, Cobalt Maps"
    table.cell(0, 1).text = "Jan 2020 – Present"
    table.cell(1, 0).text = "Data Analyst, Ferrous Ltd"
    table.cell(1, 1).text = "06/2017 - 12/2019"
    doc.add_paragraph("Research Engineer, Quill Works")
    doc.add_paragraph("Mar 2016 – May 2017")
    doc.core_properties.created = datetime(2023, 1, 10)
    buf = io.BytesIO()
    doc.save(buf)
    candidate = analyze(buf.getvalue(), "cv.docx", today=TODAY).report["candidate"]
    assert candidate["titles"] == ["Machine Learning Engineer", "Data Analyst", "Research Engineer"]
    assert candidate["years_experience"] == pytest.approx(6.9, abs=0.05)  # Mar 2016 to 10 Jan 2023


def test_unsure_work_history_is_flagged_in_the_report_the_shortlist_and_the_csv() -> None:
    from models.shortlist import candidate_summary, to_csv

    text = """Ola Berg
SUMMARY
Platform engineer with 12 years of experience in payments.
EXPERIENCE
Platform Engineer, Tern Pay          Jan 2022 – Present
"""
    result = analyze(text.encode(), "cv.txt", today=TODAY, as_of=date(2024, 1, 31))
    (warning,) = [w for w in result.report["warnings"] if w["code"] == "work_history_unread"]
    assert warning["reasons"] == ["stated_years_differ"] and "12" in warning["message"]
    row = candidate_summary(result.report, None, file_name="cv.txt")
    assert "work_history_unread" in row["warnings"] and warning["message"] in row["warning_messages"]
    assert "work_history_unread" in to_csv([{**row, "rank": 1}], blind=True)
    calm = parse_resume(text.replace("12 years", "2 years"), today=TODAY, as_of=date(2024, 1, 31))
    assert calm.warnings == ()
    unread = parse_resume("Ola Berg\nEXPERIENCE\nWorked at several shops.\n", today=TODAY, stamps=[])
    assert unread.warnings[0]["reasons"] == ["no_dated_roles"]


def test_markdown_inside_a_zip_is_a_markdown_upload() -> None:
    import zipfile

    from service.archives import ZipLimits, read_zip
    from service.uploads import upload_from_bytes

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("cvs/cv.md", MARKDOWN)
        archive.writestr("cvs/page.html", "<html><body><h1>Rosa Lind</h1><p>Engineer</p></body></html>")
    files = read_zip(buf.getvalue(), ZipLimits()).files
    assert sorted(upload_from_bytes(data, name).file_type for name, data in files) == ["html", "md"]


def test_a_tech_stack_line_under_a_role_stays_in_the_role() -> None:
    text = """Max Ode
EXPERIENCE
Senior Engineer | Lumen Co  February 2022 - Present
Tech Stack: Python, Terraform, AWS
Software Engineer | Arc Ltd  August 2018 - January 2022
Skills: Go, SQL
"""
    resume = parse_resume(text, today=TODAY, as_of=date(2024, 2, 1))
    assert [s.name for s in resume.sections] == ["header", "experience", "skills"]
    assert [p.title for p in resume.positions] == ["Senior Engineer", "Software Engineer"]
