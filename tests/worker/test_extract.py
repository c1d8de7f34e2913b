"""worker.extract on real files: the eval set, bad files, hidden text, encodings, limits."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.shared import Pt, RGBColor

from common.errors import ResumeError
from tests.worker.pdf_factory import hidden_tricks, make_pdf, text_lines
from worker.extract import ExtractedText, Limits, extract, sniff_type

REPO = Path(__file__).resolve().parents[2]
EVAL = REPO.parent / "shared" / "eval"
LABELS = json.loads((EVAL / "labels.json").read_text(encoding="utf-8"))["items"]
RESUMES = sorted((EVAL / "resumes").iterdir())
BAD = [(item["file"], item["expected_error"]) for item in LABELS if "expected_error" in item]


@pytest.fixture(scope="module")
def extracted() -> dict[str, ExtractedText]:
    return {p.name: extract(p.read_bytes(), filename=p.name) for p in RESUMES}


@pytest.mark.parametrize("name, code", BAD)
def test_bad_file_fails_with_its_code(name: str, code: str) -> None:
    path = EVAL / name
    with pytest.raises(ResumeError) as info:
        extract(path.read_bytes(), filename=path.name)
    assert info.value.code == code
    assert info.value.message and info.value.message[0].isupper() and info.value.message.endswith(".")


def test_every_eval_resume_gives_text(extracted: dict[str, ExtractedText]) -> None:
    for name, result in extracted.items():
        assert result.file_type == name.rsplit(".", 1)[-1]
        assert len(result.text) > 500, name
        assert "(cid:" not in result.text, name
        assert result.pages >= 1


def test_bullet_glyphs_are_mapped(extracted: dict[str, ExtractedText]) -> None:
    text = extracted["d04-mle-ii-marketplace-ranking-fraud.pdf"].text
    assert "• Python" in text
    assert "cid" not in text


def test_keyword_stuffing_in_white_tiny_text_is_dropped(extracted: dict[str, ExtractedText]) -> None:
    result = extracted["d17-junior-keyword-stuffer.pdf"]
    src = json.loads((EVAL / "src" / "d17.json").read_text(encoding="utf-8"))
    hidden = src["hidden_text"]
    assert result.hidden_chars == len(hidden.replace(" ", ""))
    assert hidden[:40] not in result.text
    for skill in src["hidden_skills"]:
        assert not re.search(rf"(?<!\w){re.escape(skill)}(?!\w)", result.text, re.IGNORECASE), skill
    [warning] = result.warnings
    assert warning["code"] == "hidden_text" and warning["count"] == result.hidden_chars
    assert str(result.hidden_chars) in warning["message"]


def test_docx_hidden_white_tiny_runs_are_dropped(extracted: dict[str, ExtractedText]) -> None:
    result = extracted["d03-bootcamp-analyst-to-junior-mle.docx"]
    src = json.loads((EVAL / "src" / "d03.json").read_text(encoding="utf-8"))
    assert result.hidden_chars == len(src["hidden_text"].replace(" ", ""))
    assert "Kubeflow" not in result.text
    assert result.warnings[0]["code"] == "hidden_text"


def test_no_warning_without_hidden_text(extracted: dict[str, ExtractedText]) -> None:
    assert extracted["d07-staff-mle-recommender-systems-8y.pdf"].warnings == []


def test_pdf_hidden_text_kinds() -> None:
    result = extract(make_pdf(hidden_tricks))
    for word in ("WHITEWORD", "TINYWORD", "OFFPAGEWORD", "INVISIBLEWORD"):
        assert word not in result.text
    assert "SIDEBAR heading on dark band" in result.text  # white on dark is visible
    assert "Software engineer who writes Python services." in result.text
    hidden = "WHITEWORD kubernetes tensorflow TINYWORD pytorch spark OFFPAGEWORD scala INVISIBLEWORD airflow"
    assert result.hidden_chars == len(hidden.replace(" ", ""))


def test_docx_tables_in_document_order_and_hidden_styles() -> None:
    doc = Document()
    doc.add_paragraph("Alex Doe")
    doc.add_paragraph("Skills")
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Languages"
    table.rows[0].cells[1].text = "Python, Go"
    doc.add_paragraph("Experience")
    para = doc.add_paragraph("Engineer at Acme ")
    para.add_run("SECRETVANISH").font.hidden = True
    white = para.add_run("SECRETWHITE")
    white.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    para.add_run("SECRETTINY").font.size = Pt(2)
    marked = para.add_run("visible white on yellow")
    marked.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    marked.font.highlight_color = WD_COLOR_INDEX.YELLOW
    style = doc.styles.add_style("Ghost", 2)  # a character style that hides its runs
    style.font.hidden = True
    para.add_run("SECRETSTYLE", style="Ghost")
    buf = io.BytesIO()
    doc.save(buf)
    result = extract(buf.getvalue(), filename="cv.docx")
    assert result.text.split("\n")[:4] == ["Alex Doe", "Skills", "Languages: Python, Go", "Experience"]
    assert "SECRET" not in result.text
    assert "visible white on yellow" in result.text
    assert result.hidden_chars == len("SECRETVANISHSECRETWHITESECRETTINYSECRETSTYLE")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"])
def test_txt_encodings(encoding: str) -> None:
    text = "José Müller\nCafé engineer, résumé – Zürich\nSkills: Python"
    if encoding == "latin-1":
        text = text.replace("–", "-")
    result = extract(text.encode(encoding), filename="cv.txt")
    assert result.file_type == "txt"
    assert result.text == text


def test_ligatures_spaces_and_hyphenation() -> None:
    result = extract(
        "Eﬃcient ﬁne-tuning\u00a0on GPUs\nbuilt an engi-\nneering team and multi-\ntask models".encode(),
        filename="cv.txt",
    )
    assert result.text == "Efficient fine-tuning on GPUs\nbuilt an engineering team and multi-task models"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "unsupported_type"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "unsupported_type"),
        (bytes(range(256)) * 20, "unsupported_type"),
    ],
)
def test_sniff_rejects(data: bytes, code: str) -> None:
    with pytest.raises(ResumeError) as info:
        sniff_type(data)
    assert info.value.code == code


def test_sniff_words_unknown_bytes_by_the_claimed_type() -> None:
    garbage = (EVAL / "bad" / "garbage.docx").read_bytes()
    for filename, code in (("cv.docx", "corrupt"), ("cv.pdf", "corrupt"), ("", "unsupported_type")):
        with pytest.raises(ResumeError) as info:
            sniff_type(garbage, filename=filename)
        assert info.value.code == code
    with pytest.raises(ResumeError) as info:
        sniff_type((EVAL / "bad" / "not-a-pdf.pdf").read_bytes(), filename="cv.pdf")
    assert info.value.code == "unsupported_type"  # a PNG is a PNG, whatever its name


def test_sniff_by_content_not_name() -> None:
    pdf = (EVAL / "resumes" / "d01-newgrad-bsc-cs-two-ml-internships.pdf").read_bytes()
    docx = (EVAL / "resumes" / "d03-bootcamp-analyst-to-junior-mle.docx").read_bytes()
    assert sniff_type(pdf) == "pdf"
    assert sniff_type(docx) == "docx"
    assert sniff_type("Résumé\nPython".encode("utf-16")) == "txt"
    assert extract(pdf, filename="resume.txt").file_type == "pdf"


# The old table-rule pattern took seconds on 1,000 blank lines or one long line of spaces, and
# days on the 64 KB the web sniffs in the request.
@pytest.mark.timeout(10)
@pytest.mark.parametrize("blank", ["\n", " \n", "\t\r\n", " ", "\t", "|--|--" + " " * 20_000 + "x\n"])
def test_sniffing_a_text_of_blank_lines_ends(blank: str) -> None:
    data = ("Jane Doe\nEngineer\n" + blank * (60_000 // len(blank))).encode()
    assert sniff_type(data, filename="cv.txt") == "txt"


@pytest.mark.parametrize("rule", ["|---|:--:|", "| --- | :---: |", "---|---", "|--|--|  "])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_markdown_table_rule_is_recognised_with_either_line_end(rule: str, newline: str) -> None:
    text = newline.join(["# Jane Doe", "", "| Skill | Years |", rule, "| Python | 5 |", ""])
    assert sniff_type(text.encode(), filename="cv.txt") == "md"


def test_sniff_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, common.sniff as s; s.sniff_type(b'%PDF-1.4'); "
        "bad = [m for m in ('pdfminer', 'docx', 'charset_normalizer') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_limits_size_pages_and_time() -> None:
    data = (EVAL / "resumes" / "d05-production-mle-mlops-payments.pdf").read_bytes()
    with pytest.raises(ResumeError) as info:
        extract(data, limits=Limits(max_bytes=1000))
    assert info.value.code == "too_large"
    with pytest.raises(ResumeError) as info:
        extract(data, limits=Limits(max_pages=2))
    assert info.value.code == "too_many_pages"
    with pytest.raises(ResumeError) as info:
        extract(data, limits=Limits(timeout_s=0.0))
    assert info.value.code == "timeout"


def test_pdf_without_text_or_images_is_empty() -> None:
    with pytest.raises(ResumeError) as info:
        extract(make_pdf(lambda canv: None))
    assert info.value.code == "empty"


def test_running_footer_and_page_numbers_kept_out_of_the_body() -> None:
    def draw(canv):  # type: ignore[no-untyped-def]
        text_lines(["Experience", "Engineer at Acme", "Built things"])(canv)
        canv.setFont("Helvetica", 7)
        canv.drawString(72, 30, "Jordan Example - Resume")
        canv.drawRightString(540, 30, f"Page {canv.getPageNumber()}")

    result = extract(make_pdf(draw, pages=2))
    assert result.text.count("Jordan Example - Resume") == 1
    assert "Page 1" not in result.text and "Page 2" not in result.text
    assert result.text.endswith("Jordan Example - Resume")


def test_extraction_is_deterministic() -> None:
    data = (EVAL / "resumes" / "d10-distinguished-ml-architect-phd.pdf").read_bytes()
    assert extract(data) == extract(data)


def test_scanned_pdf_with_an_ocr_layer_reads_the_ocr_text() -> None:
    from PIL import Image  # reportlab's own dependency
    from reportlab.lib.utils import ImageReader

    image = io.BytesIO()
    Image.new("L", (200, 260), 255).save(image, format="PNG")

    def draw(canv):  # type: ignore[no-untyped-def]
        canv.drawImage(ImageReader(io.BytesIO(image.getvalue())), 0, 0, width=612, height=792)
        text = canv.beginText(72, 720)
        text.setTextRenderMode(3)
        text.setFont("Helvetica", 11)
        for line in [
            "Robin Scan",
            "Experience",
            "Data Engineer, Acme, 2019 - 2023",
            "Built pipelines in Python and Airflow for the finance team every single day.",
        ] * 3:
            text.textLine(line)
        canv.drawText(text)

    result = extract(make_pdf(draw))
    assert result.text.startswith("Robin Scan\nExperience")
    assert result.hidden_chars == 0 and result.warnings == []
