"""A lean pdfminer device: collects text runs with what is needed to judge visibility.

pdfminer's own PDFLayoutAnalyzer builds an LTChar object per glyph and then runs a general
layout analysis. Resumes need neither: this device turns each shown string straight into
runs of glyphs on one baseline, and notes for each run whether a reader could see it
(colour against its background, size, position on the page).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_rect, mult_matrix

from common.errors import ResumeError

TINY_FONT_PT = 4.0  # text smaller than this is not meant to be read
SAME_COLOUR = 0.06  # RGB distance under which text melts into its background
RUN_BREAK_EM = 1.0  # a gap wider than this many ems starts a new run
SPACE_EM = 0.15  # a gap wider than this many ems is a space between words
UNDEFINED_GLYPHS = {127: "•", 149: "•", 183: "·", 8226: "•"}


@dataclass(slots=True)
class Run:
    """Glyphs drawn one after another on one baseline, in device space (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    baseline: float
    size: float
    font: str
    text: str


def _to_rgb(colour: Any, components: int) -> tuple[float, float, float] | None:
    """Colour as RGB in 0..1, or None for patterns and anything unknown."""
    try:
        if isinstance(colour, (int, float)):
            g = float(colour)
            return (g, g, g)
        values = [float(v) for v in colour]
    except (TypeError, ValueError):
        return None
    if len(values) == 1:
        return (values[0],) * 3
    if len(values) == 3:
        return (values[0], values[1], values[2])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return None


WHITE = (1.0, 1.0, 1.0)


class GlyphCollector(PDFTextDevice):
    """Collects visible runs per page; counts invisible glyphs and images."""

    def __init__(self, rsrcmgr: Any, deadline: float | None = None) -> None:
        super().__init__(rsrcmgr)
        self.deadline = deadline
        self.runs: list[Run] = []
        self.ocr_runs: list[Run] = []
        self.ocr_chars = 0
        self.hidden_chars = 0
        self.visible_chars = 0
        self.images = 0
        self.page_box = (0.0, 0.0, 0.0, 0.0)
        self._fills: list[tuple[float, float, float, float, tuple[float, float, float]]] = []
        self._glyphs: dict[int, tuple[Any, dict[int, tuple[str, float]]]] = {}
        self._strings = 0

    # -- page and graphics -------------------------------------------------------------------
    def begin_page(self, page: Any, ctm: Any) -> None:
        self.ctm = ctm
        self.runs = []
        self.ocr_runs = []
        self._fills = []
        media = apply_matrix_rect(ctm, page.mediabox)
        crop = apply_matrix_rect(ctm, page.cropbox) if page.cropbox else media
        self.page_box = (
            max(min(media[0], media[2]), min(crop[0], crop[2])),
            max(min(media[1], media[3]), min(crop[1], crop[3])),
            min(max(media[0], media[2]), max(crop[0], crop[2])),
            min(max(media[1], media[3]), max(crop[1], crop[3])),
        )

    def render_image(self, name: str, stream: Any) -> None:
        self.images += 1

    def check_deadline(self) -> None:
        """Raise timeout once the extraction deadline has passed (checked every 256 operations)."""
        self._strings += 1
        if self.deadline is not None and not self._strings & 255 and time.monotonic() > self.deadline:
            raise ResumeError(
                "timeout",
                "Reading the PDF took too long; it may be unusually complex. "
                "Try exporting it again or upload a DOCX.",
            )

    def paint_path(self, gstate: Any, stroke: bool, fill: bool, evenodd: bool, path: Any) -> None:
        self.check_deadline()
        if not fill or len(self._fills) > 4000:
            return
        rgb = _to_rgb(gstate.ncolor, 0)
        if rgb is None:
            return
        xs: list[float] = []
        ys: list[float] = []
        for seg in path:
            coords = seg[1:]
            for i in range(0, len(coords) - 1, 2):
                xs.append(coords[i])
                ys.append(coords[i + 1])
        if not xs:
            return
        x0, y0, x1, y1 = apply_matrix_rect(self.ctm, (min(xs), min(ys), max(xs), max(ys)))
        x0, x1 = min(x0, x1), max(x0, x1)
        y0, y1 = min(y0, y1), max(y0, y1)
        if x1 - x0 < 2 or y1 - y0 < 2:
            return  # rules and hairlines are not backgrounds
        self._fills.append((x0, y0, x1, y1, rgb))

    def background_at(self, x: float, y: float) -> tuple[float, float, float]:
        """Colour of the last filled shape under (x, y); the page is white."""
        for x0, y0, x1, y1, rgb in reversed(self._fills):
            if x0 <= x <= x1 and y0 <= y <= y1:
                return rgb
        return WHITE

    # -- text -----------------------------------------------------------------------------------
    def _glyph(self, font: Any, cid: int) -> tuple[str, float]:
        entry = self._glyphs.get(id(font))
        if entry is None:
            entry = (font, {})
            self._glyphs[id(font)] = entry
        cache = entry[1]
        glyph = cache.get(cid)
        if glyph is None:
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = UNDEFINED_GLYPHS.get(cid, "")
            except (KeyError, ValueError, IndexError, TypeError):
                text = ""
            if text.strip() and self._symbolic(font):
                text = "•"  # dingbat fonts draw bullets with letter codes ("n" is a square)
            glyph = (text, font.char_width(cid))
            cache[cid] = glyph
        return glyph

    @staticmethod
    def _symbolic(font: Any) -> bool:
        name = str(getattr(font, "fontname", "")).lower()
        return "dingbat" in name or "wingding" in name or "webding" in name

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        self.check_deadline()
        font = textstate.font
        if font is None:
            return
        if font.is_vertical():
            self._vertical_string(textstate, seq)
            return
        a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
        fontsize = textstate.fontsize
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = 0.0 if font.is_multibyte() else textstate.wordspace * scaling
        rise = textstate.rise
        dxscale = 0.001 * fontsize * scaling
        scale = math.sqrt(abs(a * d - b * c)) or 1.0
        size = abs(fontsize) * scale
        descent = font.get_descent() * fontsize + rise
        ascent = descent + fontsize
        upright = b == 0 and c == 0 and a * d * scaling > 0

        x, y = textstate.linematrix
        need_charspace = False
        pieces: list[str] = []  # text of the run being built
        run_base = run_x0 = run_x1 = 0.0
        run_y0 = run_y1 = 0.0
        glyphs = 0
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                need_charspace = True
                continue
            if not isinstance(obj, bytes):
                continue
            for cid in font.decode(obj):
                if need_charspace:
                    x += charspace
                text, width = self._glyph(font, cid)
                adv = width * fontsize * scaling
                # device-space box of the glyph
                if upright:
                    gx0 = a * x + c * y + e
                    gx1 = gx0 + a * adv
                    gy0 = b * x + d * (y + descent) + f
                    gy1 = b * x + d * (y + ascent) + f
                else:
                    gx0, gy0, gx1, gy1 = apply_matrix_rect(
                        (a, b, c, d, a * x + c * y + e, b * x + d * y + f), (0, descent, adv, ascent)
                    )
                if gx1 < gx0:
                    gx0, gx1 = gx1, gx0
                if gy1 < gy0:
                    gy0, gy1 = gy1, gy0
                x += adv
                if cid == 32 and wordspace:
                    x += wordspace
                need_charspace = True
                if not text:
                    continue
                if glyphs and (gx0 - run_x1 > RUN_BREAK_EM * size or gx0 < run_x0 - 0.5 * size):
                    self._flush(
                        pieces, run_x0, run_y0, run_x1, run_y1, run_base, size, font, textstate, graphicstate
                    )
                    pieces = []
                    glyphs = 0
                if glyphs:
                    if gx0 - run_x1 > SPACE_EM * size and pieces[-1][-1:] != " " and text != " ":
                        pieces.append(" ")
                    pieces.append(text)
                    run_x1 = max(run_x1, gx1)
                    run_y0 = min(run_y0, gy0)
                    run_y1 = max(run_y1, gy1)
                else:
                    pieces.append(text)
                    run_x0, run_y0, run_x1, run_y1 = gx0, gy0, gx1, gy1
                    run_base = b * x + d * (y + rise) + f if upright else gy0
                glyphs += 1
        if glyphs:
            self._flush(pieces, run_x0, run_y0, run_x1, run_y1, run_base, size, font, textstate, graphicstate)
        textstate.linematrix = (x, y)

    def _flush(
        self,
        pieces: list[str],
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        baseline: float,
        size: float,
        font: Any,
        textstate: Any,
        graphicstate: Any,
    ) -> None:
        text = "".join(pieces)
        count = len(text) - text.count(" ")
        if not count:
            return
        if self._invisible(x0, y0, x1, y1, size, textstate.render, graphicstate):
            self.hidden_chars += count
            if textstate.render == 3 and size >= TINY_FONT_PT and self._on_page(x0, y0, x1, y1):
                # The text layer OCR puts over a scanned page: invisible by design, kept apart.
                self.ocr_chars += count
                self.ocr_runs.append(Run(x0, y0, x1, y1, baseline, size, font.fontname, text))
            return
        self.visible_chars += count
        self.runs.append(Run(x0, y0, x1, y1, baseline, size, font.fontname, text))

    def _on_page(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        px0, py0, px1, py1 = self.page_box
        return not (x1 <= px0 or x0 >= px1 or y1 <= py0 or y0 >= py1)

    def _invisible(
        self, x0: float, y0: float, x1: float, y1: float, size: float, mode: int, graphicstate: Any
    ) -> bool:
        if mode in (3, 7):  # invisible rendering modes
            return True
        if size < TINY_FONT_PT:
            return True
        if not self._on_page(x0, y0, x1, y1):
            return True  # entirely off the page
        colour = graphicstate.scolor if mode in (1, 5) else graphicstate.ncolor
        rgb = _to_rgb(colour, 0)
        if rgb is None:
            return False
        bg = self.background_at((x0 + min(x1, x0 + size)) / 2, (y0 + y1) / 2)
        return max(abs(rgb[0] - bg[0]), abs(rgb[1] - bg[1]), abs(rgb[2] - bg[2])) < SAME_COLOUR

    def _vertical_string(self, textstate: Any, seq: Any) -> None:
        """Vertical writing is rare in resumes: keep its text as one run, position approximate."""
        font = textstate.font
        parts = []
        for obj in seq:
            if isinstance(obj, bytes):
                parts.extend(self._glyph(font, cid)[0] for cid in font.decode(obj))
        text = "".join(parts)
        if text.strip():
            a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
            size = abs(textstate.fontsize) * (math.sqrt(abs(a * d - b * c)) or 1.0)
            self.visible_chars += len(text.replace(" ", ""))
            self.runs.append(Run(e, f, e + size, f + size, f, size, font.fontname, text))
