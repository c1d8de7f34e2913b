"""Text helpers for tagging: whitespace normalisation with an offset map, clauses and lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A line-end hyphen before a lowercase letter joins a word that layout broke ("scikit-\nlearn").
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*(?=[a-z])")
_WHITESPACE = re.compile(r"\s+")
# Where a clause ends: sentence punctuation, a bullet glyph, a blank line or a bulleted new line.
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)|[•▪●◦■]|\n\s*\n|\n(?=\s*(?:[*·–-]\s|\(cid:\d+\)))")


@dataclass(frozen=True)
class NormalisedText:
    """`text` with runs of whitespace collapsed; `offsets[i]` is the source index of text[i]."""

    text: str
    offsets: tuple[int, ...]
    source: str

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the source text."""
        return self.offsets[start], self.offsets[end - 1] + 1


def normalise(source: str) -> NormalisedText:
    """Collapse whitespace (line breaks inside phrases included) keeping a map to the source."""
    chars: list[str] = []
    offsets: list[int] = []
    pos = 0
    while pos < len(source):
        hyphen = _HYPHEN_BREAK.match(source, pos)
        if hyphen:
            chars.append("-")
            offsets.append(pos)
            pos = hyphen.end()
            continue
        space = _WHITESPACE.match(source, pos)
        if space:
            chars.append(" ")
            offsets.append(pos)
            pos = space.end()
            continue
        chars.append(source[pos])
        offsets.append(pos)
        pos += 1
    return NormalisedText("".join(chars), tuple(offsets), source)


def clause_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """The clause (sentence part, bullet or line group) of `source` around [start, end)."""
    left = 0
    for match in _CLAUSE_END.finditer(source, max(0, start - 400), start):
        left = match.end()
    after = _CLAUSE_END.search(source, end)
    right = after.start() + (1 if after and source[after.start()] in ".!?" else 0) if after else len(source)
    return left, right


def line_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """The physical line of `source` holding [start, end)."""
    left = source.rfind("\n", 0, start) + 1
    right = source.find("\n", end)
    return left, len(source) if right < 0 else right


def snippet(source: str, start: int, end: int, limit: int = 160) -> str:
    """About a clause around the mention, whitespace collapsed, at most `limit` characters."""
    left, right = clause_bounds(source, start, end)
    if right - left > limit:
        half = max(0, (limit - (end - start)) // 2)
        left, right = max(left, start - half), min(right, end + half)
    text = " ".join(source[left:right].split()).strip(" •▪*–-")
    return text[:limit]
