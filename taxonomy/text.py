"""Text helpers for tagging: whitespace normalisation with an offset map, clauses and lines."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Where a clause ends: sentence punctuation, a bullet glyph, a blank line or a bulleted new line.
_CLAUSE_END = re.compile(r"[.;!?](?=\s|$)|[•▪●◦■]|\n\s*\n|\n(?=\s*(?:[*·–-]\s|\(cid:\d+\)))")


@dataclass(frozen=True)
class NormalisedText:
    """`text` with runs of whitespace collapsed, and where each collapsed stretch came from.

    `anchors` are (normalised index, source index) pairs at the start of every stretch copied
    unchanged; between anchors the two texts advance together.
    """

    text: str
    anchors: tuple[tuple[int, ...], tuple[int, ...]]
    source: str

    def to_source(self, index: int) -> int:
        """Source index of the character at `index` in the normalised text."""
        norm_starts, src_starts = self.anchors
        k = bisect.bisect_right(norm_starts, index) - 1
        return src_starts[k] + (index - norm_starts[k])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the source text."""
        return self.to_source(start), self.to_source(end - 1) + 1


# Whitespace runs, and a line-end hyphen before a lowercase letter ("scikit-\nlearn"). A lone space
# between words needs no change, so the pattern skips it (`(?! (?!\s))`) rather than the loop: most
# whitespace in a resume is lone spaces, and every match costs a turn of the Python loop.
_BREAKS = re.compile(r"-[ \t]*\r?\n[ \t]*(?=[a-z])|(?! (?!\s))\s+")


def normalise(source: str) -> NormalisedText:
    """Collapse whitespace (line breaks inside phrases included) keeping a map to the source."""
    chunks: list[str] = []
    norm_starts, src_starts = [0], [0]
    pos = size = 0
    for match in _BREAKS.finditer(source):
        start, end = match.span()
        chunks.append(source[pos:start])
        size += start - pos
        chunks.append("-" if source[start] == "-" else " ")
        norm_starts.append(size)  # the replacement character maps to the break's first character
        src_starts.append(start)
        size += 1
        pos = end
        norm_starts.append(size)
        src_starts.append(pos)
    chunks.append(source[pos:])
    return NormalisedText("".join(chunks), (tuple(norm_starts), tuple(src_starts)), source)


class Clauses:
    """Clause boundaries of a text, found once, looked up by bisection."""

    def __init__(self, source: str) -> None:
        self.source = source
        found = [match.span() for match in _CLAUSE_END.finditer(source)]
        self.starts: list[int] = [0, *(end for _, end in found)]
        # A sentence's full stop belongs to it; a bullet or a blank line belongs to neither side.
        self.ends: list[int] = [start + (source[start] in ".!?") for start, _ in found] + [len(source)]
        self._around: dict[tuple[int, int], tuple[int, int]] = {}  # the rules and the snippet ask twice

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The clause holding [start, end): from the last boundary before it to the next after it."""
        bounds = self._around.get((start, end))
        if bounds is None:
            left = self.starts[bisect.bisect_right(self.starts, start) - 1]
            right = self.ends[min(bisect.bisect_left(self.ends, end), len(self.ends) - 1)]
            bounds = self._around[start, end] = left, max(right, end)
        return bounds


def clause_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """The clause (sentence part, bullet or line group) of `source` around [start, end)."""
    return Clauses(source).around(start, end)


def line_bounds(source: str, start: int, end: int) -> tuple[int, int]:
    """The physical line of `source` holding [start, end)."""
    left = source.rfind("\n", 0, start) + 1
    right = source.find("\n", end)
    return left, len(source) if right < 0 else right


def snippet(
    clauses: Clauses, start: int, end: int, limit: int = 160, bounds: tuple[int, int] | None = None
) -> str:
    """About a clause around the mention, whitespace collapsed, at most `limit` characters.

    `bounds` (the body of the mention's section) keeps headings and neighbouring sections out.
    """
    source = clauses.source
    left, right = clauses.around(start, end)
    if bounds is not None:
        left, right = max(left, min(bounds[0], start)), min(right, max(bounds[1], end))
    cut_left = cut_right = False
    if right - left > limit:
        half = max(0, (limit - (end - start)) // 2)
        if start - half > left:
            space = source.find(" ", start - half, start)  # never start inside a word
            left, cut_left = (space + 1 if space >= 0 else start), True
        if end + half < right:
            space = source.rfind(" ", end, end + half)
            right, cut_right = (space if space >= 0 else end), True
    text = " ".join(source[left:right].split()).strip(" •▪*–-")
    return ("…" if cut_left else "") + text + ("…" if cut_right else "")
