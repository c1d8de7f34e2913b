"""Text from resume files (PDF, DOCX, TXT, Markdown, HTML): visible text only, clean failures.

    extract(data, filename="cv.pdf") -> ExtractedText(text, file_type, pages, hidden_chars, warnings)

Failures raise common.errors.ResumeError with a stable code. `sniff_type` is importable without
pulling in pdfminer or python-docx (the web tier uses it to reject uploads early).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from common.errors import ResumeError
from common.sniff import sniff_type

if TYPE_CHECKING:  # pdfminer stays unimported until a PDF arrives
    from worker.extract.pdf_layout import PageText

__all__ = ["ExtractedText", "Limits", "ResumeError", "extract", "sniff_type"]

MIN_TEXT_CHARS_PER_PAGE = 20
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Limits:
    """What one upload may cost."""

    max_bytes: int = 10 * 1024 * 1024
    max_pages: int = 20
    timeout_s: float = 30.0
    # PDF budgets (worker/extract/budget.py): operators run on one page, forms included; form
    # nesting; bytes all of the document's streams may decode to.
    max_pdf_operations: int = 1_000_000
    max_form_depth: int = 12
    max_decoded_bytes: int = 32 * 1024 * 1024


@dataclass
class ExtractedText:
    """Visible text of a resume file and what was noticed on the way."""

    text: str
    file_type: str
    pages: int
    hidden_chars: int
    warnings: list[dict] = field(default_factory=list)
    # The file's own dates, oldest first: ("pdf_creation_date" | "pdf_mod_date" | "docx_created" |
    # "docx_modified" | "docx_zip_time", date). "Present" in the resume means one of these.
    stamps: list[tuple[str, date]] = field(default_factory=list)


def extract(data: bytes, *, filename: str = "", limits: Limits = Limits()) -> ExtractedText:
    """Visible text of a PDF, DOCX or TXT resume; raise ResumeError on anything unusable."""
    if len(data) > limits.max_bytes:
        raise ResumeError(
            "too_large",
            f"The file is {len(data) / 1048576:.1f} MB; the limit is {limits.max_bytes / 1048576:.0f} MB.",
        )
    kind = sniff_type(data, filename=filename)
    deadline = time.monotonic() + limits.timeout_s
    if kind == "pdf":
        result = _from_pdf(data, limits, deadline)
    elif kind == "docx":
        result = _from_docx(data)
    else:
        result = _from_txt(data, kind)
    if result.hidden_chars:
        result.warnings.append(hidden_text_warning(result.hidden_chars))
    return result


def hidden_text_warning(count: int) -> dict:
    """The warning a report carries when invisible text was left out."""
    return {
        "code": "hidden_text",
        "message": f"{count} characters of invisible text were ignored (white, tiny, hidden or "
        "off-page text is not used for matching).",
        "count": count,
    }


def _from_pdf(data: bytes, limits: Limits, deadline: float) -> ExtractedText:
    from worker.extract.budget import PdfBudget
    from worker.extract.clean import clean_text
    from worker.extract.pdf import extract_pdf

    budget = PdfBudget(
        deadline=deadline,
        max_operations=limits.max_pdf_operations,
        max_form_depth=limits.max_form_depth,
        max_decoded_bytes=limits.max_decoded_bytes,
    )
    pdf = extract_pdf(data, max_pages=limits.max_pages, deadline=deadline, budget=budget)
    pages = max(pdf.page_count, len(pdf.pages))
    hidden = pdf.hidden_chars
    if pdf.images and pdf.ocr_chars > max(200, 4 * pdf.visible_chars):
        # A scanned resume with an OCR text layer: that invisible layer is the text.
        pdf.pages = [
            _merge_pages(visible, ocr) for visible, ocr in zip(pdf.pages, pdf.ocr_pages, strict=True)
        ]
        pdf.visible_chars += pdf.ocr_chars
        hidden -= pdf.ocr_chars
    if pdf.visible_chars < MIN_TEXT_CHARS_PER_PAGE * max(1, len(pdf.pages)) * 0.5 and pdf.visible_chars < 200:
        if pdf.images:
            raise ResumeError(
                "no_text_layer",
                "The PDF is a scanned image with no text layer; upload the "
                "original document or a PDF exported from a word processor.",
            )
        if not pdf.visible_chars:
            raise ResumeError("empty", "The PDF contains no readable text.")
    parts: list[str] = []
    margins: list[str] = []  # running headers/footers go once, after the body, not mid-section
    seen_margins: set[str] = set()
    for page in pdf.pages:
        parts.extend(page.body)
        parts.append("")
        for line in page.margin:
            key = _DIGITS.sub("#", line.lower())
            if key not in seen_margins and not re.fullmatch(r"(page\s*)?#(\s*(of|/)\s*#)?", key):
                seen_margins.add(key)
                margins.append(line)
    parts.extend(margins)
    return ExtractedText(clean_text("\n".join(parts)), "pdf", pages, hidden, [], pdf.stamps)


def _merge_pages(visible: PageText, ocr: PageText) -> PageText:
    from worker.extract.pdf_layout import PageText

    return PageText(body=visible.body + ocr.body, margin=visible.margin + ocr.margin)


def _from_docx(data: bytes) -> ExtractedText:
    from worker.extract.clean import clean_text
    from worker.extract.docx import extract_docx

    doc = extract_docx(data)
    text = clean_text("\n".join(doc.blocks))
    if not text.strip():
        raise ResumeError("empty", "The Word document contains no visible text.")
    return ExtractedText(text, "docx", 1, doc.hidden_chars, [], doc.stamps)


def _from_txt(data: bytes, kind: str = "txt") -> ExtractedText:
    """Plain text, or Markdown / HTML (kind "md" / "html") turned into lines of text."""
    from worker.extract.clean import clean_text
    from worker.extract.txt import extract_txt

    raw = extract_txt(data)
    if kind in ("md", "html"):
        from worker.extract.markup import html_to_text, markdown_to_text

        raw = markdown_to_text(raw) if kind == "md" else html_to_text(raw)
    text = clean_text(raw)
    if not text.strip():
        raise ResumeError(
            "empty", "The text file is empty." if kind == "txt" else "The document holds no text."
        )
    return ExtractedText(text, kind, 1, 0, [])
