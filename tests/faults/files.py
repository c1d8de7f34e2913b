"""Real files that cost a lot to read, built in memory."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas


def dense_pdf(pages: int = 20, lines: int = 150, words: int = 30) -> bytes:
    """A valid PDF at the page limit, every page packed with tiny text: about 2 s of pdfminer on
    this machine, and more for parsing and tagging what comes out. Deterministic bytes."""
    buf = io.BytesIO()
    canv = canvas.Canvas(buf, pagesize=LETTER, invariant=1)
    for page in range(pages):
        canv.setFont("Helvetica", 4)
        for line in range(lines):
            canv.drawString(20, 780 - line * 5, " ".join(f"python{page}x{line}x{w}" for w in range(words)))
        canv.showPage()
    canv.save()
    return buf.getvalue()
