"""Reading order for a PDF page: runs -> lines -> columns -> paragraphs.

Resumes are mostly one column, two columns (a sidebar), or one column with small tables
(title on the left, dates on the right). The page is cut into horizontal bands of text; bands
that share a vertical gutter form a block. A tall block with a gutter is read column by column;
a short one (a table row, "title .... dates") is read row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from worker.extract.pdf_glyphs import Run

BULLETS = frozenset("•·▪▫■□◦●○◆◇►▶➢➤✓✔❖-–*")
LINE_GAP_EM = 1.0  # runs on one baseline closer than this belong to one line
BULLET_GAP_EM = 3.0  # a lone bullet glyph joins text up to this far to its right
MIN_GUTTER_EM = 1.0  # narrowest white space between two columns
COLUMN_SHARE = 0.3  # a block taller than this share of the page's text is read as columns
MARGIN_SHARE = 0.075  # top/bottom share of the page where running headers and footers live
_PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?$|^[-–]\s*\d{1,3}\s*[-–]$", re.IGNORECASE)


@dataclass(slots=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    font: str
    text: str
    text_x0: float  # where the text starts after a leading bullet

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class PageText:
    """A page's body lines in reading order and its running header/footer lines."""

    body: list[str] = field(default_factory=list)
    margin: list[str] = field(default_factory=list)


def _is_bullet(text: str) -> bool:
    stripped = text.strip()
    return 0 < len(stripped) <= 2 and all(ch in BULLETS for ch in stripped)


def build_lines(runs: list[Run]) -> list[Line]:
    """Group runs that share a baseline and touch horizontally into lines."""
    if not runs:
        return []
    ordered = sorted(runs, key=lambda r: -r.baseline)
    clusters: list[list[Run]] = []
    ref_lo = ref_hi = 0.0
    for run in ordered:
        lo, hi = run.y0, run.y1
        if clusters:
            overlap = min(hi, ref_hi) - max(lo, ref_lo)
            if overlap > 0.5 * min(hi - lo, ref_hi - ref_lo):
                clusters[-1].append(run)
                continue
        clusters.append([run])
        ref_lo, ref_hi = lo, hi
    lines: list[Line] = []
    for cluster in clusters:
        cluster.sort(key=lambda r: r.x0)
        current: list[Run] = [cluster[0]]
        for run in cluster[1:]:
            prev = current[-1]
            em = max(prev.size, run.size)
            gap = run.x0 - prev.x1
            if gap <= LINE_GAP_EM * em or (
                _is_bullet(prev.text) and len(current) == 1 and gap <= BULLET_GAP_EM * em
            ):
                current.append(run)
            else:
                lines.append(_make_line(current))
                current = [run]
        lines.append(_make_line(current))
    return lines


def _make_line(runs: list[Run]) -> Line:
    parts: list[str] = []
    prev: Run | None = None
    for run in runs:
        if prev is not None:
            gap = run.x0 - prev.x1
            if (
                gap > 0.15 * max(run.size, prev.size)
                and not parts[-1].endswith(" ")
                and not run.text.startswith(" ")
            ):
                parts.append(" ")
        parts.append(run.text)
        prev = run
    main = max(runs, key=lambda r: len(r.text))
    text_x0 = runs[1].x0 if len(runs) > 1 and _is_bullet(runs[0].text) else runs[0].x0
    return Line(
        min(r.x0 for r in runs),
        min(r.y0 for r in runs),
        max(r.x1 for r in runs),
        max(r.y1 for r in runs),
        main.size,
        main.font,
        "".join(parts).strip(),
        text_x0,
    )


# -- bands and blocks --------------------------------------------------------------------------


def _bands(lines: list[Line]) -> list[list[Line]]:
    """Lines split where a horizontal strip of white space crosses the whole region."""
    ordered = sorted(lines, key=lambda ln: -ln.y1)
    bands: list[list[Line]] = []
    low = 0.0
    for line in ordered:
        top = line.y1 - 0.25 * line.height
        if bands and top > low:
            bands[-1].append(line)
            low = min(low, line.y0 + 0.25 * line.height)
        else:
            bands.append([line])
            low = line.y0 + 0.25 * line.height
    return bands


def _gutters(lines: list[Line], min_width: float) -> list[tuple[float, float]]:
    """Vertical strips of white space with text on both sides, widest first."""
    spans = sorted((ln.x0, ln.x1) for ln in lines)
    gaps: list[tuple[float, float]] = []
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_width:
            gaps.append((reach, x0))
        reach = max(reach, x1)
    return sorted(gaps, key=lambda g: g[0] - g[1])


def _crosses(line: Line, gutter: tuple[float, float]) -> bool:
    return line.x0 < gutter[1] and line.x1 > gutter[0]


def _common_gutter(lines: list[Line], min_width: float) -> tuple[float, float] | None:
    gutters = _gutters(lines, min_width)
    return gutters[0] if gutters else None


Row = list[Line]


def order_lines(lines: list[Line], text_height: float, em: float) -> list[list[Row]]:
    """Lines in reading order as segments (a column or a block) of rows read left to right."""
    if not lines:
        return []
    min_gutter = MIN_GUTTER_EM * em
    bands = _bands(lines)
    blocks: list[list[list[Line]]] = []  # each block is a list of bands
    for band in bands:
        if blocks:
            block = blocks[-1]
            flat = [ln for b in block for ln in b]
            had = _common_gutter(flat, min_gutter) is not None
            new_has = len(band) > 1 and _common_gutter(band, min_gutter) is not None
            merged = _common_gutter(flat + band, min_gutter)
            if merged is not None or (not had and not new_has):
                block.append(band)
                continue
            if new_has and not had:
                # Pull trailing bands of the previous block that sit on one side of the new gutter
                # (a column heading printed a little above the other column's first line).
                gutter = _common_gutter(band, min_gutter)
                moved: list[list[Line]] = []
                while (
                    len(block) > 1
                    and gutter is not None
                    and not any(_crosses(ln, gutter) for ln in block[-1])
                ):
                    moved.insert(0, block.pop())
                blocks.append(moved + [band])
                continue
        blocks.append([band])
    segments: list[list[Row]] = []
    for block in blocks:
        flat = [ln for b in block for ln in b]
        gutter = _common_gutter(flat, min_gutter) if len(block) > 1 else None
        height = max(ln.y1 for ln in flat) - min(ln.y0 for ln in flat)
        if gutter is not None and height >= COLUMN_SHARE * text_height and len(flat) >= 4:
            left = [ln for ln in flat if ln.x1 <= gutter[0] + 0.5]
            right = [ln for ln in flat if ln.x0 >= gutter[1] - 0.5]
            segments.extend(order_lines(left, text_height, em))
            segments.extend(order_lines(right, text_height, em))
        else:
            segments.append([sorted(band, key=lambda ln: ln.x0) for band in block])
    return segments


# -- paragraphs -------------------------------------------------------------------------------


def _ends_sentence(text: str) -> bool:
    return text.endswith((".", ":", "!", "?", ";")) or text.endswith(")") and text.count("(") == 0


def join_rows(rows: list[Row]) -> list[str]:
    """Rows as text lines; a wrapped line of the same paragraph is joined to the previous one."""
    out: list[str] = []
    prev: Line | None = None
    right_edge = max((ln.x1 for row in rows for ln in row), default=0.0)
    left_edge = min((ln.x0 for row in rows for ln in row), default=0.0)
    for row in rows:
        text = " ".join(ln.text for ln in row if ln.text)
        if not text:
            continue
        first = row[0]
        if prev is not None and len(row) == 1 and _continues(prev, first, right_edge, left_edge):
            # keep a line-end hyphen visible to the cleaner, which decides "engi-neering" vs "multi-task"
            glue = "\n" if re.search(r"[A-Za-z]-$", out[-1]) else " "
            out[-1] = f"{out[-1]}{glue}{text}"
        else:
            out.append(text)
        prev = first if len(row) == 1 else None
    return out


_CONTACTISH = re.compile(r"@|://|www\.|\.(com|org|net|io|dev)\b|^[\d\s()+.-]{7,}$")
_ENDS_WITH_DATE = re.compile(r"((19|20)\d\d|present|current|now)\)?$", re.IGNORECASE)


def _continues(prev: Line, line: Line, right_edge: float, left_edge: float) -> bool:
    """Is `line` the wrapped continuation of `prev`? Conservative: a wrong join is worse than none."""
    if line.font != prev.font or abs(line.size - prev.size) > 0.5:
        return False
    if _is_bullet(line.text[:1]) and line.text[1:2] == " ":
        return False
    gap = prev.y0 - line.y1
    if gap > 0.6 * line.size or gap < -0.5 * line.size:
        return False
    if abs(line.x0 - prev.text_x0) > 2.0 and abs(line.x0 - prev.x0) > 2.0:
        return False
    first_word = line.text.split(" ", 1)[0]
    per_char = (line.x1 - line.x0) / max(1, len(line.text))
    if prev.x1 + per_char * (len(first_word) + 1) < right_edge - 0.5 * line.size:
        return False  # the next word would have fitted: a line break by intent
    if _CONTACTISH.search(prev.text) or _CONTACTISH.search(line.text):
        return False  # stacked contact details are separate items
    if line.text[:1].islower():
        return True
    if _ends_sentence(prev.text) or _ENDS_WITH_DATE.search(prev.text):
        return False
    wide = prev.x1 - prev.x0 >= 0.6 * (right_edge - left_edge)
    return wide and len(prev.text.split()) >= 4


def _is_margin(line: Line, box: tuple[float, float, float, float], body_size: float) -> bool:
    height = box[3] - box[1]
    in_margin = line.y1 <= box[1] + MARGIN_SHARE * height or line.y0 >= box[3] - MARGIN_SHARE * height
    return in_margin and (line.size < body_size - 0.5 or _PAGE_NUMBER.match(line.text.strip()) is not None)


def page_text(runs: list[Run], box: tuple[float, float, float, float]) -> PageText:
    """A page's text in reading order, running headers and footers set apart."""
    lines = [ln for ln in build_lines(runs) if ln.text]
    if not lines:
        return PageText()
    body_size = median(ln.size for ln in lines)
    margin = [ln for ln in lines if _is_margin(ln, box, body_size)]
    margin_ids = {id(ln) for ln in margin}
    body = [ln for ln in lines if id(ln) not in margin_ids]
    if not body:
        body, margin = margin, []
    text_height = max(ln.y1 for ln in body) - min(ln.y0 for ln in body)
    segments = order_lines(body, text_height, body_size)
    text = [line for rows in segments for line in join_rows(rows)]
    return PageText(body=text, margin=[ln.text for ln in sorted(margin, key=lambda ln: (-ln.y1, ln.x0))])
