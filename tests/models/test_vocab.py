"""The closed vocabularies (`models/vocab.py`) tie the parser, the scoring, the pages and the API together."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from common.errors import ERROR_CODES, ResumeError
from models import vocab
from models.roles import load_roles
from service import cli_report, pages
from service.openapi import document
from worker.resume import education, parse_resume, sections
from worker.resume.sections import find_sections

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("line", "degree"),
    [
        ("B.S. in Computer Science, Example University, 2015", "bachelor"),
        ("MSc Data Science, Example University, 2017", "master"),
        ("Ph.D. in Statistics, Example University, 2020", "phd"),
    ],
)
def test_every_degree_the_parser_produces_has_a_page_label(line: str, degree: str) -> None:
    text = f"Ada Example\nEDUCATION\n{line}\nEXPERIENCE\nData Scientist, Example Co (2020 - 2023)\n"
    found = parse_resume(text).education.highest_degree
    assert found == degree
    assert found in vocab.DEGREES and found in pages.DEGREE_NAMES and found in cli_report.DEGREES


def test_the_parser_tables_name_only_vocabulary_degrees() -> None:
    named = {name for name, _ in education._WORDS + education._ABBREVIATIONS + education._BARE}
    assert named == set(vocab.DEGREES) - {"none"}
    assert education.RANK == vocab.DEGREE_RANK
    assert set(pages.DEGREE_NAMES) == set(vocab.DEGREES) == set(vocab.DEGREE_WORDS)


def test_every_level_has_a_name_words_and_years() -> None:
    for level in vocab.LEVELS:
        assert vocab.LEVEL_NAMES[level] and vocab.LEVEL_SHORT_NAMES[level] and vocab.LEVEL_WORDS[level]
        assert level in vocab.LEVEL_YEARS
    assert pages.LEVEL_NAMES is vocab.LEVEL_NAMES
    assert {profile.level for profile in load_roles()} <= set(vocab.LEVELS)


def test_the_heading_finder_names_exactly_the_section_kinds() -> None:
    named = set(sections._BY_SECTION) | {name for name, _ in sections._KEYWORDS} | {"header", "mixed"}
    assert named == set(vocab.SECTION_KINDS)
    text = "Ada Example\nEXPERIENCE\nData Scientist, Example Co (2020 - 2023)\nSKILLS\nPython\n"
    assert {s.name for s in find_sections(text)} <= set(vocab.SECTION_KINDS)


def test_the_scorer_reads_section_kinds_the_parser_produces() -> None:
    from models.components import LIST_SECTIONS, WORK_SECTIONS
    from models.features import SCOPE_SECTIONS

    assert WORK_SECTIONS | LIST_SECTIONS | SCOPE_SECTIONS <= set(vocab.SECTION_KINDS)
    text = (
        "Ada Example\nTECHNICAL SKILLS\nPython\nWORK HISTORY\nData Scientist, Example Co (2020 - 2023)\n"
        "Built models in Python.\nOPEN SOURCE\nA Python library.\nTALKS AND PATENTS\nA talk on Python.\n"
    )
    kinds = [s.name for s in parse_resume(text).sections]
    assert kinds == ["header", "skills", "experience", "projects", "publications"]
    assert [k in WORK_SECTIONS for k in kinds] == [False, False, True, True, True]
    assert [k in LIST_SECTIONS for k in kinds] == [False, True, False, False, False]


def _raised_codes() -> set[str]:
    """Every error code a literal in the worker or the web tier raises or records on a job."""
    codes: set[str] = set()
    for path in [*ROOT.joinpath("worker").rglob("*.py"), *ROOT.joinpath("service").rglob("*.py")]:
        source = path.read_text(encoding="utf-8")
        codes |= set(re.findall(r'ResumeError\(\s*"(\w+)"', source))
        codes |= set(re.findall(r'\.fail\(\s*job_id,\s*"(\w+)"', source))
    return codes


def test_every_error_code_raised_is_in_the_vocabulary_and_the_openapi_document() -> None:
    raised = _raised_codes()
    assert {
        "empty",
        "corrupt",
        "timeout",
        "internal",
        "expired",
        "unavailable",
    } <= raised  # the scan sees them
    assert raised <= vocab.JOB_ERROR_CODES
    job = document()["components"]["schemas"]["Job"]["properties"]
    assert set(job["error"]["properties"]["code"]["enum"]) == vocab.JOB_ERROR_CODES
    assert job["status"]["enum"] == list(vocab.JOB_STATUSES)
    assert ERROR_CODES == vocab.RESUME_ERROR_CODES
    with pytest.raises(ValueError, match="unknown resume error code"):
        ResumeError("expired", "a job's fate is not a file's problem")
