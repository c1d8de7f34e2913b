"""PDF resumes: open safely, enforce the limits, collect visible runs page by page."""

from __future__ import annotations

import io
import logging
import time
from dataclasses import dataclass, field
from datetime import date

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException

from common.errors import ResumeError
from worker.extract.budget import BudgetedInterpreter, PdfBudget, decoded_bytes_cap
from worker.extract.pdf_glyphs import GlyphCollector
from worker.extract.pdf_layout import PageText, page_text
from worker.extract.stamps import pdf_stamps

log = logging.getLogger(__name__)

_CORRUPT = "The PDF is damaged and cannot be read; export or download it again and re-upload."
_ENCRYPTED = "The PDF is password-protected; remove the password and upload again."
# Errors pdfminer raises on malformed input besides its own exception types.
_DAMAGE = (
    PSException,
    PDFException,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    EOFError,
    ZeroDivisionError,
    OverflowError,
    RecursionError,
)  # MemoryError is no damage: it propagates, and the task fails it as too_large (worker/memory.py)


@dataclass
class PdfText:
    """Text of a PDF's pages and what was left out on the way."""

    pages: list[PageText] = field(default_factory=list)
    ocr_pages: list[PageText] = field(default_factory=list)
    ocr_chars: int = 0
    page_count: int = 0
    hidden_chars: int = 0
    visible_chars: int = 0
    images: int = 0
    stamps: list[tuple[str, date]] = field(default_factory=list)  # the file's own dates (stamps.py)


def open_document(data: bytes) -> PDFDocument:
    """Parse the PDF's structure; raise encrypted or corrupt."""
    try:
        return PDFDocument(PDFParser(io.BytesIO(data)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ResumeError("encrypted", _ENCRYPTED) from exc
    except _DAMAGE as exc:
        raise ResumeError("corrupt", _CORRUPT) from exc


def count_pages(document: PDFDocument, max_pages: int) -> int:
    """Number of pages from the page tree's /Count, else by walking at most max_pages + 1 pages."""
    try:
        pages = resolve1(document.catalog.get("Pages"))
        count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
        if isinstance(count, int) and count >= 0:
            return count
    except _DAMAGE:
        pass
    n = 0
    try:
        for _ in PDFPage.create_pages(document):
            n += 1
            if n > max_pages:
                break
    except _DAMAGE as exc:
        raise ResumeError("corrupt", _CORRUPT) from exc
    return n


def extract_pdf(data: bytes, *, max_pages: int, deadline: float, budget: PdfBudget | None = None) -> PdfText:
    """Read every page's visible text; raise encrypted, corrupt, too_many_pages, too_large or timeout.

    Everything pdfminer does for this document, from parsing its structure to running each page's
    operators and decoding each stream, is paid from one `PdfBudget` (worker/extract/budget.py).
    """
    budget = budget if budget is not None else PdfBudget()
    budget.deadline = deadline if budget.deadline is None else min(budget.deadline, deadline)
    with decoded_bytes_cap(budget):
        return _extract_pdf(data, max_pages=max_pages, deadline=deadline, budget=budget)


def _extract_pdf(data: bytes, *, max_pages: int, deadline: float, budget: PdfBudget) -> PdfText:
    document = open_document(data)
    page_count = count_pages(document, max_pages)
    if page_count > max_pages:
        raise ResumeError(
            "too_many_pages",
            f"The PDF has {page_count} pages; resumes of up to {max_pages} pages are accepted.",
        )
    manager = PDFResourceManager(caching=True)
    device = GlyphCollector(manager, deadline=deadline)
    interpreter = BudgetedInterpreter(manager, device, budget)
    result = PdfText(page_count=page_count, stamps=pdf_stamps(document))
    try:
        for number, page in enumerate(PDFPage.create_pages(document)):
            if number >= max_pages:
                raise ResumeError(
                    "too_many_pages",
                    f"The PDF has more than {max_pages} pages; resumes of up to "
                    f"{max_pages} pages are accepted.",
                )
            if time.monotonic() > deadline:
                raise ResumeError(
                    "timeout",
                    "Reading the PDF took too long; it may be unusually complex. "
                    "Try exporting it again or upload a DOCX.",
                )
            budget.start_page()
            interpreter.process_page(page)
            result.pages.append(page_text(device.runs, device.page_box))
            result.ocr_pages.append(
                page_text(device.ocr_runs, device.page_box) if device.ocr_runs else PageText()
            )
    except ResumeError:
        raise
    except PDFPasswordIncorrect as exc:
        raise ResumeError("encrypted", _ENCRYPTED) from exc
    except _DAMAGE as exc:
        if result.pages:
            # the exception's text can quote the file's bytes: log only its type
            log.warning("stage=extract pdf damaged after page=%d: %s", len(result.pages), type(exc).__name__)
        else:
            raise ResumeError("corrupt", _CORRUPT) from exc
    result.page_count = max(len(result.pages), 0) if not page_count else page_count
    result.hidden_chars = device.hidden_chars
    result.ocr_chars = device.ocr_chars
    result.visible_chars = device.visible_chars
    result.images = device.images
    if not result.pages:
        raise ResumeError("corrupt", "The PDF has no pages.")
    return result
