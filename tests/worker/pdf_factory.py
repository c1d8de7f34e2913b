"""Small real PDFs and DOCX files built in memory for extraction tests."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas as pdfcanvas


def make_pdf(draw: Callable[[pdfcanvas.Canvas], None], pages: int = 1, **kwargs: object) -> bytes:
    """A PDF whose every page is drawn by `draw` (deterministic bytes)."""
    buf = io.BytesIO()
    canv = pdfcanvas.Canvas(buf, pagesize=LETTER, invariant=1, **kwargs)
    for _ in range(pages):
        draw(canv)
        canv.showPage()
    canv.save()
    return buf.getvalue()


def text_lines(
    lines: list[str], *, x: float = 72, top: float = 720, size: float = 11, leading: float = 15
) -> Callable[[pdfcanvas.Canvas], None]:
    def draw(canv: pdfcanvas.Canvas) -> None:
        canv.setFont("Helvetica", size)
        for i, line in enumerate(lines):
            canv.drawString(x, top - i * leading, line)

    return draw


def hidden_tricks(canv: pdfcanvas.Canvas) -> None:
    """Visible resume lines plus four kinds of invisible text and one visible white-on-dark line."""
    canv.setFont("Helvetica", 11)
    canv.drawString(72, 720, "Jordan Example")
    canv.drawString(72, 700, "Software engineer who writes Python services.")
    # white on the white page
    canv.setFillColor(colors.white)
    canv.drawString(72, 680, "WHITEWORD kubernetes tensorflow")
    # white on a dark band: a real design, must stay
    canv.setFillColor(colors.HexColor("#1f3a5f"))
    canv.rect(60, 600, 300, 30, fill=1, stroke=0)
    canv.setFillColor(colors.white)
    canv.drawString(72, 610, "SIDEBAR heading on dark band")
    # tiny text
    canv.setFillColor(colors.black)
    canv.setFont("Helvetica", 1.5)
    canv.drawString(72, 560, "TINYWORD pytorch spark")
    # outside the page
    canv.setFont("Helvetica", 11)
    canv.drawString(700, 500, "OFFPAGEWORD scala")
    # invisible rendering mode
    text = canv.beginText(72, 540)
    text.setTextRenderMode(3)
    text.textLine("INVISIBLEWORD airflow")
    canv.drawText(text)
    canv.setFillColor(colors.black)
