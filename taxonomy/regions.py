"""Parts of a resume whose words name no skill of the person: coursework, certificates, degrees.

A recruiter does not read "Relevant coursework: Linear Algebra, Reinforcement Learning" or
"AWS Certified Solutions Architect" or "M.S. in Machine Learning" as hard skills: they are
course titles, certificate names and degree names. `excluded_regions` finds these spans of the
source once per text; the context rules drop any mention inside one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

# "Relevant Coursework:", "Courses -", "Selected courses taken –", "Coursework (graduate):".
# Patterns marked "lowered" run case-sensitively on the lowered text (same matches as re.IGNORECASE, faster).
COURSEWORK_CUE = re.compile(  # lowered
    r"(?:course\s?work|courses(?:\s+taken)?|modules|classes)\b\s*(?:\([^)\n]{0,30}\))?\s*\**\s*[:\-–—|]\**"
)
# A line of its own naming a course list ("Featured Graduate Coursework", "Courses Taken"), its items below.
COURSEWORK_LINE = re.compile(  # lowered
    r"^[^\w\n]*(?:[a-z][\w&'-]*\s+){0,4}(?:course\s?work|courses(?:\s+taken)?)[^\w\n]*$", re.MULTILINE
)
BULLET_LINE = re.compile(r"^\s*(?:[*•▪·◦‣–-]|\(cid:\d+\))\s")
COURSEWORK_HEADING = re.compile(
    r"^\W*(?:relevant |selected |related |key )?(?:course\s?work|courses)\b", re.IGNORECASE
)
# A certificate's name: the item (between separators) holding one of these words.
CERT_WORD = re.compile(  # lowered
    r"\b(?:certifi(?:ed|cates?|cations?)|accredit(?:ation|ed)|nanodegree|badge)\b"
)
CERT_SECTIONS = {"certifications"}
# A heading line naming certificates, licenses or courses ("## **CERTIFICATIONS & PUBLICATIONS**", "Licenses").
CERT_HEADING = re.compile(  # lowered
    r"^[#*_ \t]*(?:licen[cs]es?|certifications?|certificates?)(?: (?:and|&) [\w ]{1,30})?[*_: \t]*$",
    re.MULTILINE,
)
# Where such a region ends: a markdown heading or rule, an upper-case heading, or a usual section heading.
NEXT_HEADING = re.compile(
    r"^(?:#{1,4} |[*_]*[A-Z][A-Z &]{3,40}[*_:]*[ \t]*$|---|[*_]*(?:Experience|Work Experience|Education|Skills|"
    r"Technical Skills|Projects|Publications|Awards|Leadership|Languages|Interests|Summary|Volunteering)[*_:]*[ \t]*$)",
    re.MULTILINE,
)
ITEM_SEPARATORS = re.compile(r"[|,;•▪\n]|\s[–—-]\s|\s{3,}")
# A degree and its field: "B.S. in Computer Science", "Master of Science, Data Science", "BTech (AI & ML)".
_LONG_DEGREES = (
    r"bachelor(?:'s|’s)?|master(?:'s|’s)?|doctor(?:ate)?|ph\.?\s?d\.?|mba|b\.?sc\.?|m\.?sc\.?|"
    r"b\.?\s?tech|m\.?\s?tech|b\.?\s?eng|m\.?\s?eng|associate(?:'s|’s)? degree|diploma|degree|"
    r"major(?:ing)?|minor(?:ing)?|post-?graduate|undergraduate"
)
_SHORT_DEGREES = r"b\.\s?s\.?|m\.\s?s\.?|b\.\s?a\.?|m\.\s?a\.?|b\.\s?e\.?|bs|ms|ba|ma|be"
# A degree and its field: "B.S. in Computer Science", "Master of Science, Data Science", "BTech (AI & ML)".
# Short forms (MS, BA) need "in"/"of"/a comma after them: "MS Excel" names no degree.
DEGREE = re.compile(
    rf"\b(?:(?:{_LONG_DEGREES})(?=[\s,.(:]|$)|(?:{_SHORT_DEGREES})(?=\s*(?:,|\(|:|\s(?:in|of)\s)))",
    re.IGNORECASE,
)
DEGREE_FIELD_END = re.compile(
    r"\b(?:thesis|dissertation|coursework|courses|gpa|cgpa|grade|honou?rs|advisor|"
    r"supervisor|project)\b|[|•▪]|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
DEGREE_SECTIONS = {"education", "other"}
# Every match of the coursework patterns (COURSEWORK_CUE, COURSEWORK_LINE) holds one of these words, and every
# match of the certificate patterns (CERT_WORD, CERT_HEADING) one of those: a text without them (most resumes)
# skips the scans, which cost a regex step at every character. Keep them in step with the patterns.
COURSEWORK_WORDS = ("course", "modules", "classes")
CERT_WORDS = ("certifi", "accredit", "nanodegree", "badge", "licen")


@dataclass(frozen=True)
class Region:
    """A span of the source whose words are not the person's skills, and why."""

    start: int
    end: int
    reason: str  # "coursework" | "certificate" | "degree"


def _lines(source: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    end = len(source) if end is None else end
    spans, pos = [], start
    while pos < end:
        nl = source.find("\n", pos, end)
        stop = end if nl < 0 else nl
        spans.append((pos, stop))
        pos = stop + 1
    return spans


def _continues_list(line: str) -> bool:
    """A wrapped continuation of a comma list: commas, no label colon, no dates, no bullet."""
    text = line.strip()
    return (
        bool(text)
        and "," in text
        and ":" not in text
        and not re.search(r"\b(?:19|20)\d\d\b", text)
        and not re.match(r"^(?:[*•▪·–-]|\(cid:\d+\))\s", text)
    )


def coursework_regions(source: str, sections: Sequence[tuple[str, int, int]]) -> list[Region]:
    """A coursework section, and the rest of a line after "Relevant coursework:" (with its wrapped lines)."""
    regions = []
    for _name, start, end in sections:
        heading_end = source.find("\n", start, end)
        heading = source[start : heading_end if heading_end >= 0 else end]
        if COURSEWORK_HEADING.match(heading) and len(heading.split()) <= 4:
            regions.append(Region(start, end, "coursework"))
    lowered = source.lower()
    if not any(word in lowered for word in COURSEWORK_WORDS):
        return regions
    for match in COURSEWORK_CUE.finditer(lowered):
        stop = source.find("\n", match.end())
        stop = len(source) if stop < 0 else stop
        previous = source[source.rfind("\n", 0, match.start()) + 1 : stop].rstrip()
        for _ in range(5):  # wrapped lines of the same list
            if stop >= len(source):
                break
            nxt_stop = source.find("\n", stop + 1)
            nxt_stop = len(source) if nxt_stop < 0 else nxt_stop
            nxt = source[stop + 1 : nxt_stop]
            if not (previous.endswith((",", "&", " and")) or _continues_list(nxt)):
                break
            previous, stop = nxt.rstrip(), nxt_stop
        regions.append(Region(match.start(), stop, "coursework"))
    for match in COURSEWORK_LINE.finditer(lowered):
        stop = match.end()
        for _ in range(40):  # the bulleted course titles under it
            nxt_stop = source.find("\n", stop + 1)
            nxt_stop = len(source) if nxt_stop < 0 else nxt_stop
            if stop >= len(source) or not BULLET_LINE.match(source[stop + 1 : nxt_stop]):
                break
            stop = nxt_stop
        if stop > match.end():
            regions.append(Region(match.start(), stop, "coursework"))
    return regions


def certificate_regions(source: str, sections: Sequence[tuple[str, int, int]]) -> list[Region]:
    """A certifications section (or a heading the parser left inside another section, "## **Certifications**"),
    and any list item that names a certificate ("... Certified ...")."""
    regions = [Region(start, end, "certificate") for name, start, end in sections if name in CERT_SECTIONS]
    lowered = source.lower()
    if not any(word in lowered for word in CERT_WORDS):
        return regions
    for heading in CERT_HEADING.finditer(lowered):
        nxt = NEXT_HEADING.search(source, heading.end())
        regions.append(Region(heading.start(), nxt.start() if nxt else len(source), "certificate"))
    for match in CERT_WORD.finditer(lowered):
        left = max(
            (m.end() for m in ITEM_SEPARATORS.finditer(source, max(0, match.start() - 120), match.start())),
            default=max(0, match.start() - 120),
        )
        nxt = ITEM_SEPARATORS.search(source, match.end(), match.end() + 120)
        regions.append(
            Region(left, nxt.start() if nxt else min(len(source), match.end() + 120), "certificate")
        )
    return regions


def degree_regions(source: str, sections: Sequence[tuple[str, int, int]]) -> list[Region]:
    """From a degree word to the end of its field, on lines of the education section (or of any
    line when the text has no sections): "M.S. in Machine Learning" names a degree, not a skill."""
    spans = [(s, e) for name, s, e in sections if name in DEGREE_SECTIONS] if sections else [(0, len(source))]
    regions = []
    for start, end in spans:
        for left, right in _lines(source, start, end):
            for match in DEGREE.finditer(source, left, right):
                if match.start() - left > 80:
                    break
                cut = DEGREE_FIELD_END.search(source, match.end(), right)
                regions.append(Region(match.start(), cut.start() if cut else right, "degree"))
    return regions


class ExcludedRegions:
    """Coursework, certificate and degree spans of one text, looked up by bisection."""

    def __init__(self, source: str, sections: Sequence[tuple[str, int, int]]) -> None:
        found = (
            coursework_regions(source, sections)
            + certificate_regions(source, sections)
            + degree_regions(source, sections)
        )
        self.regions = sorted(found, key=lambda r: (r.start, -r.end))
        self.starts = [r.start for r in self.regions]
        # The furthest end reached by any region starting at or before each index.
        self.reach: list[int] = []
        for r in self.regions:
            self.reach.append(max(r.end, self.reach[-1] if self.reach else 0))

    def reason(self, start: int, end: int) -> str | None:
        """Why [start, end) is no skill of the person, or None when it may be."""
        k = bisect.bisect_right(self.starts, start) - 1
        if k < 0 or self.reach[k] < end:
            return None
        for r in reversed(self.regions[: k + 1]):
            if r.start <= start and end <= r.end:
                return r.reason
        return None
