"""Word (.docx) resumes: paragraphs and tables in document order, invisible runs left out."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from common.errors import ResumeError
from models.vocab import BULLETS
from worker.extract.docx_limits import check_docx_package
from worker.extract.stamps import docx_stamps

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TINY_HALF_POINTS = 8  # w:sz is in half-points: below 4 pt nobody can read it
_WHITE = {"FFFFFF", "FEFEFE", "FDFDFD", "FCFCFC"}
_WHITE_THEMES = {"background1", "light1", "bg1"}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class RunLook:
    """The visibility-relevant run properties: None means "not set here"."""

    hidden: bool | None = None
    white: bool | None = None
    half_points: int | None = None
    shaded: bool | None = None

    def over(self, base: RunLook) -> RunLook:
        """These properties, falling back to `base` where unset."""
        return RunLook(
            self.hidden if self.hidden is not None else base.hidden,
            self.white if self.white is not None else base.white,
            self.half_points if self.half_points is not None else base.half_points,
            self.shaded if self.shaded is not None else base.shaded,
        )

    def invisible(self) -> bool:
        if self.hidden:
            return True
        if self.half_points is not None and self.half_points < TINY_HALF_POINTS:
            return True
        return bool(self.white) and not self.shaded


def _look(rpr: Any) -> RunLook:
    if rpr is None:
        return RunLook()
    hidden = white = shaded = None
    half_points = None
    vanish = rpr.find(_w("vanish"))
    if vanish is not None:
        hidden = vanish.get(_w("val"), "true") not in ("0", "false", "off")
    color = rpr.find(_w("color"))
    if color is not None:
        val = (color.get(_w("val")) or "").upper()
        theme = (color.get(_w("themeColor")) or "").lower()
        white = val in _WHITE or theme in _WHITE_THEMES
    size = rpr.find(_w("sz"))
    if size is not None:
        try:
            half_points = int(float(size.get(_w("val"), "")))
        except ValueError:
            half_points = None
    shd = rpr.find(_w("shd"))
    highlight = rpr.find(_w("highlight"))
    if highlight is not None and highlight.get(_w("val"), "none") not in ("none", "white"):
        shaded = True
    elif shd is not None:
        fill = (shd.get(_w("fill")) or "auto").upper()
        shaded = fill not in ("AUTO", *_WHITE)
    return RunLook(hidden, white, half_points, shaded)


class StyleBook:
    """Effective run properties of every style, following basedOn chains."""

    def __init__(self, styles_root: Any | None) -> None:
        self._raw: dict[str, tuple[RunLook, str | None]] = {}
        self._cache: dict[str, RunLook] = {}
        if styles_root is None:
            return
        for style in styles_root.iter(_w("style")):
            style_id = style.get(_w("styleId"))
            if not style_id:
                continue
            based = style.find(_w("basedOn"))
            self._raw[style_id] = (
                _look(style.find(_w("rPr"))),
                based.get(_w("val")) if based is not None else None,
            )

    def look(self, style_id: str | None, _depth: int = 0) -> RunLook:
        if not style_id or style_id not in self._raw or _depth > 20:
            return RunLook()
        if style_id not in self._cache:
            own, based = self._raw[style_id]
            self._cache[style_id] = own.over(self.look(based, _depth + 1))
        return self._cache[style_id]


@dataclass
class DocxText:
    """What the walker collected: visible blocks and the count of invisible characters."""

    blocks: list[str] = field(default_factory=list)
    hidden_chars: int = 0
    stamps: list[tuple[str, date]] = field(default_factory=list)  # the file's own dates (stamps.py)


class _Walker:
    def __init__(self, styles: StyleBook) -> None:
        self.styles = styles
        self.out = DocxText()

    def block(self, container: Any, shaded: bool = False) -> None:
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child, shaded)
            elif tag == _w("tbl"):
                self.table(child, shaded)
            elif tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent"))
                self.block(content if content is not None else child, shaded)

    def table(self, tbl: Any, shaded: bool) -> None:
        for row in tbl.iter(_w("tr")):
            if row.getparent() is not tbl:
                continue
            cells: list[str] = []
            for cell in row.findall(_w("tc")):
                cell_shaded = shaded or _cell_shaded(cell)
                before = len(self.out.blocks)
                self.block(cell, cell_shaded)
                text = " ".join(b for b in self.out.blocks[before:] if b.strip())
                del self.out.blocks[before:]
                if text and (not cells or cells[-1] != text):  # merged cells repeat their text
                    cells.append(text)
            if cells:
                # A two-cell row ("Languages | Python, SQL") reads best as "Languages: Python, SQL".
                joiner = (
                    ": " if len(cells) == 2 and len(cells[0]) <= 40 and not cells[0].endswith(":") else " | "
                )
                self.out.blocks.append(joiner.join(cells) if len(cells) <= 2 else " | ".join(cells))

    def paragraph(self, p: Any, shaded: bool) -> None:
        ppr = p.find(_w("pPr"))
        para_look = RunLook()
        listed = False
        if ppr is not None:
            pstyle = ppr.find(_w("pStyle"))
            style_id = pstyle.get(_w("val")) if pstyle is not None else None
            para_look = self.styles.look(style_id)
            listed = ppr.find(_w("numPr")) is not None or "list" in (style_id or "").lower()
            # paragraph mark run properties do not style the runs; paragraph shading does
            shd = ppr.find(_w("shd"))
            if shd is not None and (shd.get(_w("fill")) or "auto").upper() not in ("AUTO", *_WHITE):
                shaded = True
        parts: list[str] = []
        boxes: list[Any] = []
        for run in _runs(p, boxes):
            rpr = run.find(_w("rPr"))
            rstyle = rpr.find(_w("rStyle")) if rpr is not None else None
            look = _look(rpr).over(self.styles.look(rstyle.get(_w("val")) if rstyle is not None else None))
            look = look.over(para_look)
            text = _run_text(run)
            if not text:
                continue
            if look.invisible() and not (
                look.white and shaded and not look.hidden and (look.half_points or 99) >= TINY_HALF_POINTS
            ):
                self.out.hidden_chars += sum(1 for ch in text if not ch.isspace())
                continue
            parts.append(text)
        text = "".join(parts)
        if listed and text.strip() and text.lstrip()[:1] not in BULLETS:
            text = f"• {text.lstrip()}"  # the list bullet is numbering, not text: write it out
        self.out.blocks.append(text)
        for box in boxes:
            self.block(box, shaded)


def _cell_shaded(cell: Any) -> bool:
    tcpr = cell.find(_w("tcPr"))
    shd = tcpr.find(_w("shd")) if tcpr is not None else None
    return shd is not None and (shd.get(_w("fill")) or "auto").upper() not in ("AUTO", *_WHITE)


def _runs(p: Any, boxes: list[Any]) -> list[Any]:
    """The runs of a paragraph in order (inside hyperlinks, insertions, fields), not deletions.

    Text boxes anchored in the paragraph are appended to `boxes` to be read as their own blocks.
    """
    runs: list[Any] = []
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == _w("r"):
            runs.append(el)
            for box in el.iter(_w("txbxContent")):
                if not any(anc.tag == f"{{{MC}}}Fallback" for anc in box.iterancestors()):
                    boxes.append(box)
        elif tag in (_w("del"), _w("pPr"), f"{{{MC}}}Fallback", _w("moveFrom")):
            continue
        else:
            stack.extend(reversed(list(el)))
    return runs


def _run_text(run: Any) -> str:
    parts: list[str] = []
    for child in run:
        tag = child.tag
        if tag == _w("t"):
            parts.append(child.text or "")
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
    return "".join(parts)


MAX_EXPANDED_BYTES = 100 * 1024 * 1024


def check_expanded_size(data: bytes) -> None:
    """Refuse a package that would expand past MAX_EXPANDED_BYTES: python-docx reads every part
    into memory (a 1 MB upload of compressed spaces would take 2 GB). zipfile never inflates an
    entry past its declared size, so the declared sizes are a safe bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, NotImplementedError, EOFError, ValueError, OSError) as exc:
        raise ResumeError(
            "corrupt", "The Word document is damaged and cannot be opened; save it again or export it as PDF."
        ) from exc
    if expanded > MAX_EXPANDED_BYTES:
        raise ResumeError(
            "too_large",
            f"The Word document expands to more than {MAX_EXPANDED_BYTES // 1048576} MB; "
            "save it without embedded media or export it as PDF.",
        )


def extract_docx(data: bytes) -> DocxText:
    """Visible text of a .docx: header, body (paragraphs and tables in order), footer."""
    try:
        from docx import Document
        from docx.opc.exceptions import PackageNotFoundError
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise RuntimeError("python-docx is required for DOCX files") from exc
    check_expanded_size(data)
    check_docx_package(data)  # part sizes, ratios, element count: before python-docx parses anything
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ResumeError(
            "corrupt",
            "The Word document is damaged and cannot be opened; save it again or export it as PDF.",
        ) from exc
    except Exception as exc:  # lxml syntax errors and other damage inside the package
        raise ResumeError(
            "corrupt",
            "The Word document is damaged and cannot be opened; save it again or export it as PDF.",
        ) from exc
    styles_root = None
    try:
        styles_root = document.styles.element
    except (KeyError, AttributeError, ValueError):
        styles_root = None
    walker = _Walker(StyleBook(styles_root))
    seen_parts: set[int] = set()
    for section in document.sections:
        header = section.header
        if not header.is_linked_to_previous and id(header.part) not in seen_parts:
            seen_parts.add(id(header.part))
            walker.block(header._element)
    walker.block(document.element.body)
    for section in document.sections:
        footer = section.footer
        if not footer.is_linked_to_previous and id(footer.part) not in seen_parts:
            seen_parts.add(id(footer.part))
            walker.block(footer._element)
    walker.out.stamps = docx_stamps(data, _core_properties(document))
    return walker.out


def _core_properties(document: Any) -> Any:
    try:
        return document.core_properties
    except Exception:  # noqa: BLE001 - a malformed core part is no stamp, never a failure
        return None
