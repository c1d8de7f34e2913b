"""Hostile files of a few kilobytes fail with their code instead of taking minutes or gigabytes.

In-process, through `worker.pipeline.analyze` and real pdfminer / python-docx. The same files run
through a real worker in tests/faults/test_hostile_files.py.
"""

from __future__ import annotations

import tracemalloc
import zlib

import pytest

from common.errors import ResumeError
from tests.hostile_files import docx_bomb, flate_bomb_pdf, many_elements_docx, nested_forms_pdf
from tests.stack import EVAL
from worker.extract import Limits, extract
from worker.extract.budget import PdfBudget, decoded_bytes_cap
from worker.extract.docx_limits import check_docx_package
from worker.pipeline import analyze


def code_of(data: bytes, name: str, limits: Limits | None = None) -> ResumeError:
    with pytest.raises(ResumeError) as caught:
        analyze(data, name, limits=limits or Limits())
    return caught.value


def test_nested_forms_run_out_of_operations():
    """10**7 form calls drawing nothing: the operator count stops them (before: 185 s, then `empty`)."""
    error = code_of(nested_forms_pdf(), "forms.pdf")
    assert error.code == "too_large"
    assert "operations" in error.message


def test_the_deadline_is_enforced_inside_the_interpreter():
    """With operations to spare, the deadline still fires although no text or path is ever drawn."""
    error = code_of(nested_forms_pdf(), "forms.pdf", Limits(timeout_s=0.3, max_pdf_operations=10**12))
    assert error.code == "timeout"


def test_forms_nested_past_the_depth_cap_are_refused():
    error = code_of(nested_forms_pdf(depth=14, fanout=1), "deep.pdf")
    assert error.code == "too_large"
    assert "12 levels" in error.message


def test_forms_within_the_caps_are_read():
    """A shallow form tree is ordinary: no budget error (the file has no text, hence `empty`)."""
    assert code_of(nested_forms_pdf(depth=3, fanout=3), "shallow.pdf").code == "empty"


def test_a_double_flate_bomb_stops_at_the_decoded_bytes_cap():
    """FlateDecode twice over 1 GiB of spaces (before: 2.2 GB peak, then `empty`)."""
    data = flate_bomb_pdf()
    tracemalloc.start()
    try:
        error = code_of(data, "bomb.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "too_large"
    assert "expand to more than 32 MB" in error.message
    assert peak < 160 * 1024 * 1024, f"peak {peak / 1048576:.0f} MB"


def test_the_decoded_bytes_cap_is_per_document():
    """Small streams add up: a cap below one page's content refuses the page."""
    pdf = (EVAL / "resumes" / "d04-mle-ii-marketplace-ranking-fraud.pdf").read_bytes()
    assert extract(pdf, filename="cv.pdf").text
    with pytest.raises(ResumeError) as caught:
        extract(pdf, filename="cv.pdf", limits=Limits(max_decoded_bytes=1000))
    assert caught.value.code == "too_large"


def test_outside_a_budget_pdfminer_decodes_as_before():
    """The stand-ins are inert with no budget active, and a budget ends with its block."""
    from pdfminer import pdftypes

    with decoded_bytes_cap(PdfBudget(max_decoded_bytes=10)), pytest.raises(ResumeError):
        pdftypes.zlib.decompress(zlib.compress(b" " * 100))
    assert pdftypes.zlib.decompress(zlib.compress(b" " * 100)) == b" " * 100
    with pytest.raises(zlib.error):
        pdftypes.zlib.decompress(zlib.compress(b" " * 100)[:-6])


def test_a_docx_of_95_mb_of_empty_paragraphs_is_too_large():
    """A 150 KB DOCX whose document.xml is 95 MB (before: 2.3 GB, then `internal`)."""
    data = docx_bomb()
    assert len(data) < 300_000
    tracemalloc.start()
    try:
        error = code_of(data, "bomb.docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert error.code == "too_large"
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1048576:.0f} MB"


def test_a_docx_under_the_size_caps_with_too_many_elements_is_too_large():
    data = many_elements_docx()
    assert len(data) < 4 * 1024 * 1024
    error = code_of(data, "elements.docx")
    assert error.code == "too_large"
    assert "XML elements" in error.message


def test_ordinary_docx_resumes_pass_the_package_checks():
    for path in sorted((EVAL / "resumes").glob("*.docx")):
        assert 500 < check_docx_package(path.read_bytes()) < 50_000, path.name


def fuzz_case(name: str) -> bytes:
    from tests.fuzz.corpus import pdf_cases

    return next(case.data for case in pdf_cases() if case.name == name)


def test_a_reference_loop_is_corrupt_not_endless():
    """Objects 2 -> 3 -> 2: pdfminer's resolve1 loops for ever (before: stopped only by the task limit)."""
    error = code_of(fuzz_case("pdf-ref-chain-loop.pdf"), "loop.pdf")
    assert error.code == "corrupt"
    assert "without end" in error.message


def test_a_tounicode_map_of_131_million_codes_is_too_large():
    """2,000 ranges of 65,536 codes each (before: minutes of CMap parsing outside the interpreter)."""
    error = code_of(fuzz_case("pdf-broken-tounicode.pdf"), "cmap.pdf")
    assert error.code == "too_large"
    assert "fonts map" in error.message
