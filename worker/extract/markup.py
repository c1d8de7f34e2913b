"""Markdown and HTML resumes turned into lines of plain text (`common.sniff.markup_kind` recognises them).

Markdown is rendered with markdown-it-py (CommonMark plus tables, raw HTML allowed, soft line breaks
kept), and HTML (rendered Markdown or an uploaded page) is walked with lxml: every block element
(heading, paragraph, list item, table row) becomes its own line, table cells are joined with " | ",
scripts, styles and comments are dropped. Front matter and template tags (Jekyll, Liquid) go first.
"""

from __future__ import annotations

import re
from typing import Any

from common.sniff import FRONT_MATTER

# Elements that start a new line in the text.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
    ]
)
_SKIP = frozenset(
    [
        "script",
        "style",
        "head",
        "template",
        "noscript",
        "svg",
        "iframe",
        "object",
        "button",
        "select",
        "option",
    ]
)
_TEMPLATE_TAG = re.compile(r"\{%-?.*?-?%\}|\{\{-?.*?-?\}\}", re.DOTALL)


def markdown_to_text(text: str) -> str:
    """Plain text of a Markdown resume (front matter and template tags removed)."""
    from markdown_it import MarkdownIt

    text = FRONT_MATTER.sub("", text, count=1)
    text = _TEMPLATE_TAG.sub("", text)
    renderer = MarkdownIt("commonmark", {"html": True, "breaks": True}).enable("table")
    return html_to_text(renderer.render(text))


def html_to_text(html: str) -> str:
    """Lines of text of an HTML document or fragment: one line per block, table cells joined by " | "."""
    import lxml.html
    from lxml import etree

    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    current: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))  # iterative: deep nesting cannot overflow
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if not tag or tag in _SKIP:
                walker.skip_subtree()
                continue
            _open(tag, element, lines, current)
            continue
        if tag in _BLOCKS:
            _flush(lines, current)
        elif tag in ("td", "th"):
            current.append(" ")
        if element.tail:
            current.append(element.tail)
    _flush(lines, current)
    return "\n".join(lines)


def _open(tag: str, element: Any, lines: list[str], current: list[str]) -> None:
    """What an element's start adds: a line break, a cell separator, a bullet, its leading text."""
    if tag in _BLOCKS or tag == "br":
        _flush(lines, current)
    if tag in ("td", "th") and current:
        current.append(" | ")
    elif tag == "li":
        current.append("• ")
    elif tag == "img" and element.get("alt"):
        current.append(f" {element.get('alt')} ")
    if element.text:
        current.append(element.text)


def _flush(lines: list[str], current: list[str]) -> None:
    line = " ".join("".join(current).split())
    if line:
        lines.append(line)
    current.clear()
